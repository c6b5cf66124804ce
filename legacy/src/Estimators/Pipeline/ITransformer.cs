using MLVideo.Data;

namespace MLVideo;

/// <summary>A fitted step: maps a data view to another, lazily.</summary>
public interface ITransformer
{
    /// <summary>Whether each output row depends only on the matching input row (required for prediction engines).</summary>
    bool IsRowToRowMapper { get; }

    /// <summary>The output schema for <paramref name="inputSchema"/>; throws <see cref="SchemaMismatchException"/> for unusable inputs.</summary>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Applies the transformer. The schema is checked now; rows are computed only when read.</summary>
    IDataView Transform(IDataView input);
}
