using System.Collections.Concurrent;
using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// Probes the video named by a text column (a file, or a frame folder) and outputs a Video column holding its facts
/// (<see cref="VideoInfo"/>). Probe results are kept per path, so later epochs do not run ffprobe again.
/// </summary>
/// <remarks>Input: text (path, relative paths resolved against <see cref="Folder"/>). Output: <see cref="VideoDataViewType"/>. Trains: no.
/// A path that is not a usable video throws <see cref="InvalidVideoException"/> naming it.</remarks>
public sealed class LoadVideoTransformer : VideoTransformerBase
{
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
