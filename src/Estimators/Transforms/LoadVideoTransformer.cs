using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;

[assembly: LoadableClass(typeof(LoadVideoTransformer), null, typeof(SignatureLoadModel),
    LoadVideoTransformer.UserName, LoadVideoTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(LoadVideoTransformer), null, typeof(SignatureLoadRowMapper),
    LoadVideoTransformer.UserName, LoadVideoTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>
/// Probes the video named by a text column (a file, or a frame folder) into a Video column holding its facts
/// (<see cref="VideoInfo"/>). Probe results are kept per path, so later epochs do not run ffprobe again.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input</term><description>Text (path; relative paths are resolved against <see cref="Folder"/>); optional Int32 frame offset and frame count columns</description></item>
/// <item><term>Output</term><description><see cref="VideoDataViewType"/></description></item>
/// </list>
/// A path that is not a usable video throws <see cref="InvalidVideoException"/> naming it, when a cursor reads the row.
/// </remarks>
public sealed class LoadVideoTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Load Video";
    internal const string LoaderSignature = "MLVideoLoadVideo";

    private readonly ConcurrentDictionary<string, VideoInfo> _probed = new(StringComparer.Ordinal);

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVLOADV",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(LoadVideoTransformer).Assembly.FullName);

    internal LoadVideoTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, string? folder, VideoBackendOptions options,
        string? frameOffsetColumnName, string? totalFramesColumnName)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(LoadVideoTransformer)), outputColumnName, inputColumnName, 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        Folder = string.IsNullOrEmpty(folder) ? null : folder;
        Options = options;
        Backend = new VideoBackend(options);
        FrameOffsetColumnName = string.IsNullOrEmpty(frameOffsetColumnName) ? null : frameOffsetColumnName;
        TotalFramesColumnName = string.IsNullOrEmpty(totalFramesColumnName) ? null : totalFramesColumnName;
    }

    /// <summary>Folder that relative paths are resolved against (null: the working directory).</summary>
    public string? Folder { get; }

    /// <summary>Optional Int32 column of frame-folder offsets (mmaction2 rawframe lists "with offset"); null when not used.</summary>
    public string? FrameOffsetColumnName { get; }

    /// <summary>Optional Int32 column of frame counts stated by a rawframe list (0: count the files); null when not used.</summary>
    public string? TotalFramesColumnName { get; }

    /// <summary>Decoding options: timeout, frame-folder naming (saved with the model; program paths are not).</summary>
    public VideoBackendOptions Options { get; }

    internal VideoBackend Backend { get; }

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // string or null: folder
    // string or null: frame offset column
    // string or null: total frames column
    // <decoding options>
    private protected override void SaveFields(ModelSaveContext ctx)
    {
        ctx.SaveStringOrNull(Folder);
        ctx.SaveStringOrNull(FrameOffsetColumnName);
        ctx.SaveStringOrNull(TotalFramesColumnName);
        VideoBackendOptionsFormat.Save(ctx, Options);
    }

    // Factory method for SignatureLoadModel.
    private static LoadVideoTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, _) = LoadCommon(env, ctx, GetVersionInfo(), "LoadVideo");
        string? folder = ctx.LoadStringOrNull();
        string? offset = ctx.LoadStringOrNull();
        string? total = ctx.LoadStringOrNull();
        VideoBackendOptions options = VideoBackendOptionsFormat.Load(ctx, "LoadVideo");
        return new LoadVideoTransformer(env, output, input, folder, options, offset, total);
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema)
    {
        RequireInput(inputSchema, InputColumnName, c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType, "String");
        foreach (string? name in new[] { FrameOffsetColumnName, TotalFramesColumnName })
            if (name is not null)
                RequireInput(inputSchema, name, c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType.Equals(NumberDataViewType.Int32), "Int32");
        return WithColumns(inputSchema, Scalar(OutputColumnName, VideoDataViewType.Instance));
    }

    /// <summary>The row mapper that probes each row's video when a cursor reads the Video column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    internal VideoInfo Probe(string path, int offset, int totalFrames)
    {
        string full = Folder is null || Path.IsPathRooted(path) ? path : Path.Combine(Folder, path);
        // Offsets and listed counts apply to frame folders only; a video file is probed as usual.
        if (offset == 0 && totalFrames <= 0 || !Directory.Exists(full)) return _probed.GetOrAdd(full, Backend.Probe);
        return _probed.GetOrAdd($"{full}|{offset}|{totalFrames}", _ => Backend.ProbeFrameFolder(full, offset, totalFrames > 0 ? totalFrames : null));
    }

    private sealed class Mapper : VideoMapper
    {
        private readonly LoadVideoTransformer _owner;
        private readonly DataViewSchema.Column _path;
        private readonly DataViewSchema.Column? _offset, _total;

        public Mapper(LoadVideoTransformer parent, DataViewSchema schema)
            : this(parent, schema, Inputs(parent, schema))
        {
        }

        private Mapper(LoadVideoTransformer parent, DataViewSchema schema, (DataViewSchema.Column Path, DataViewSchema.Column? Offset, DataViewSchema.Column? Total) c)
            : base(parent, schema, new[] { (DataViewSchema.Column?)c.Path, c.Offset, c.Total }.Where(x => x is not null).Select(x => x!.Value).ToArray())
        {
            _owner = parent;
            (_path, _offset, _total) = c;
        }

        private static (DataViewSchema.Column, DataViewSchema.Column?, DataViewSchema.Column?) Inputs(LoadVideoTransformer parent, DataViewSchema schema) =>
        (
            parent.RequireInput(schema, parent.InputColumnName, t => t is TextDataViewType, "String"),
            parent.FrameOffsetColumnName is { } o ? parent.RequireInput(schema, o, NumberDataViewType.Int32.Equals, "Int32") : null,
            parent.TotalFramesColumnName is { } t ? parent.RequireInput(schema, t, NumberDataViewType.Int32.Equals, "Int32") : null
        );

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
            [new DataViewSchema.DetachedColumn(_owner.OutputColumnName, VideoDataViewType.Instance)];

        protected override Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state)
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
                value = _owner.Probe(p.ToString(), off, count);
            };
            return getter;
        }
    }
}
