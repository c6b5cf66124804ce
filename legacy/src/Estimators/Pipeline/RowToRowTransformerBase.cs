using MLVideo.Data;

namespace MLVideo;

/// <summary>
/// Base of transformers that compute new columns row by row. A subclass only supplies a
/// <see cref="RowMapper"/> for an input schema (whose constructor validates the columns); the base
/// gives lazy transformation with per-row caching of outputs.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer
{
    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <summary>Creates the mapper for <paramref name="inputSchema"/>; throws <see cref="SchemaMismatchException"/> for unusable inputs.</summary>
    protected internal abstract RowMapper MakeRowMapper(DataViewSchema inputSchema);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return MakeRowMapper(inputSchema).GetOutputSchema();
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowToRowMappedDataView(input, MakeRowMapper(input.Schema));
    }
}
