using System.Collections.Concurrent;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// Probes the video named by a text column (a file, or a frame folder) and outputs a Video column holding its facts
/// (<see cref="VideoInfo"/>). Probe results are kept per path, so later epochs do not run ffprobe again.
/// </summary>
/// <remarks>Input: text (path, relative paths resolved against <see cref="Folder"/>). Output: <see cref="VideoDataViewType"/>. Trains: no.
/// A path that is not a usable video throws <see cref="InvalidVideoException"/> naming it.</remarks>
public sealed class LoadVideoTransformer : VideoTransformerBase, IModelStep
{
    internal const string Kind = "LoadVideo";

    private readonly ConcurrentDictionary<string, VideoInfo> _probed = new(StringComparer.Ordinal);

    internal LoadVideoTransformer(string outputColumnName, string? inputColumnName, string? folder, VideoBackend backend,
        string? frameOffsetColumnName = null, string? totalFramesColumnName = null)
        : base(outputColumnName, inputColumnName ?? "VideoPath", 0)
    {
        Folder = folder;
        Backend = backend;
        FrameOffsetColumnName = string.IsNullOrEmpty(frameOffsetColumnName) ? null : frameOffsetColumnName;
        TotalFramesColumnName = string.IsNullOrEmpty(totalFramesColumnName) ? null : totalFramesColumnName;
    }

    /// <summary>Optional Int32 column of frame-folder offsets (mmaction2 lists "with offset"); null when not used.</summary>
    public string? FrameOffsetColumnName { get; }

    /// <summary>Optional Int32 column of frame counts stated by a list (0 = count the files); null when not used.</summary>
    public string? TotalFramesColumnName { get; }

    /// <summary>Folder that relative paths are resolved against (null: the working directory).</summary>
    public string? Folder { get; }

    /// <summary>The backend that probes and later decodes.</summary>
    public VideoBackend Backend { get; }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.RequireColumn(InputColumnName, "input",
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType, "String");
        foreach (string? name in new[] { FrameOffsetColumnName, TotalFramesColumnName })
            if (name is not null)
                inputSchema.RequireColumn(name, "input", c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType.Equals(NumberDataViewType.Int32), "Int32");
        return inputSchema.WithColumns(Scalar(OutputColumnName, VideoDataViewType.Instance));
    }

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) =>
        FrameOffsetColumnName is null && TotalFramesColumnName is null ? new Mapper(this, inputSchema) : new FolderListMapper(this, inputSchema);

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, Folder = Folder,
        FrameOffsetColumnName = FrameOffsetColumnName, TotalFramesColumnName = TotalFramesColumnName,
        FrameFileTemplate = Backend.Options.FrameFolder.FileNameTemplate, FrameStartIndex = Backend.Options.FrameFolder.StartIndex,
        TimeoutSeconds = Backend.Options.Timeout.TotalSeconds,
    });

    internal static LoadVideoTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || string.IsNullOrEmpty(o.InputColumnName) || string.IsNullOrEmpty(o.FrameFileTemplate) || o.TimeoutSeconds <= 0)
            throw new ModelFormatException($"{reader.Location}: LoadVideo options need column names, a frame file template and a positive timeout.");
        // Program locations are machine settings, not model content: the loading machine's PATH is used.
        var options = new VideoBackendOptions
        {
            Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
            FrameFolder = new FrameFolderOptions { FileNameTemplate = o.FrameFileTemplate, StartIndex = o.FrameStartIndex },
        };
        return new LoadVideoTransformer(o.OutputColumnName, o.InputColumnName, o.Folder, new VideoBackend(options), o.FrameOffsetColumnName, o.TotalFramesColumnName);
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public string? Folder { get; set; }
        public string? FrameOffsetColumnName { get; set; }
        public string? TotalFramesColumnName { get; set; }
        public string FrameFileTemplate { get; set; } = "";
        public int FrameStartIndex { get; set; }
        public double TimeoutSeconds { get; set; }
    }

    internal VideoInfo Probe(string path)
    {
        string full = Resolve(path);
        return _probed.GetOrAdd(full, Backend.Probe);
    }

    /// <summary>Probes a listed frame folder from its offset (offsets do not apply to video files, which are probed as usual).</summary>
    internal VideoInfo Probe(string path, int offset, int totalFrames)
    {
        string full = Resolve(path);
        if (!Directory.Exists(full) || (offset == 0 && totalFrames <= 0)) return Probe(path);
        return _probed.GetOrAdd($"{full}|{offset}|{totalFrames}", _ => Backend.ProbeFrameFolder(full, offset, totalFrames > 0 ? totalFrames : null));
    }

    private string Resolve(string path) => Folder is null || Path.IsPathRooted(path) ? path : Path.Combine(Folder, path);

    /// <summary>Reads the path plus the list's offset and/or frame count columns.</summary>
    private sealed class FolderListMapper : RowMapper
    {
        private readonly LoadVideoTransformer _parent;
        private readonly DataViewSchema.Column _path;
        private readonly DataViewSchema.Column? _offset, _total;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public FolderListMapper(LoadVideoTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            _path = RequireInput(schema, parent.InputColumnName, TextDataViewType.Instance.Equals, "String");
            _offset = parent.FrameOffsetColumnName is { } o ? RequireInput(schema, o, NumberDataViewType.Int32.Equals, "Int32") : null;
            _total = parent.TotalFramesColumnName is { } t ? RequireInput(schema, t, NumberDataViewType.Int32.Equals, "Int32") : null;
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, VideoDataViewType.Instance)];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) =>
            new[] { (DataViewSchema.Column?)_path, _offset, _total }.Where(c => c is not null).Select(c => c!.Value);

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var path = input.GetGetter<ReadOnlyMemory<char>>(_path);
            ValueGetter<int>? offset = _offset is { } o ? input.GetGetter<int>(o) : null;
            ValueGetter<int>? total = _total is { } t ? input.GetGetter<int>(t) : null;
            ReadOnlyMemory<char> p = default;
            int off = 0, count = 0;
            ValueGetter<VideoInfo> getter = (ref VideoInfo value) =>
            {
                path(ref p);
                offset?.Invoke(ref off);
                total?.Invoke(ref count);
                value = _parent.Probe(p.ToString(), off, count);
            };
            return getter;
        }
    }

    private sealed class Mapper(LoadVideoTransformer parent, DataViewSchema schema)
        : OneToOneRowMapper<ReadOnlyMemory<char>, VideoInfo>(schema, parent.InputColumnName, new DataViewSchema.DetachedColumn(parent.OutputColumnName, VideoDataViewType.Instance), "String")
    {
        protected override void Map(in ReadOnlyMemory<char> source, ref VideoInfo result) => result = parent.Probe(source.ToString());

    }
}
