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

    internal LoadVideoTransformer(string outputColumnName, string? inputColumnName, string? folder, VideoBackend backend)
        : base(outputColumnName, inputColumnName ?? "VideoPath", 0)
    {
        Folder = folder;
        Backend = backend;
    }

    /// <summary>Folder that relative paths are resolved against (null: the working directory).</summary>
    public string? Folder { get; }

    /// <summary>The backend that probes and later decodes.</summary>
    public VideoBackend Backend { get; }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.RequireColumn(InputColumnName, "input",
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType, "String");
        return inputSchema.WithColumns(Scalar(OutputColumnName, VideoDataViewType.Instance));
    }

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, Folder = Folder,
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
        return new LoadVideoTransformer(o.OutputColumnName, o.InputColumnName, o.Folder, new VideoBackend(options));
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public string? Folder { get; set; }
        public string FrameFileTemplate { get; set; } = "";
        public int FrameStartIndex { get; set; }
        public double TimeoutSeconds { get; set; }
    }

    internal VideoInfo Probe(string path)
    {
        string full = Folder is null || Path.IsPathRooted(path) ? path : Path.Combine(Folder, path);
        return _probed.GetOrAdd(full, Backend.Probe);
    }

    private sealed class Mapper(LoadVideoTransformer parent, DataViewSchema schema)
        : OneToOneRowMapper<ReadOnlyMemory<char>, VideoInfo>(schema, parent.InputColumnName, new DataViewSchema.DetachedColumn(parent.OutputColumnName, VideoDataViewType.Instance), "String")
    {
        protected override void Map(in ReadOnlyMemory<char> source, ref VideoInfo result) => result = parent.Probe(source.ToString());

    }
}
