namespace MLVideo.Data;

/// <summary>
/// Computes new columns from the columns of one input row: the core of a row-to-row transformer.
/// Subclasses declare <see cref="OutputColumns"/>, which input columns each output reads
/// (<see cref="GetDependencies"/>), and a getter per output (<see cref="MakeGetter"/>). The mapped view
/// activates only the inputs that active outputs need and computes each active output at most once
/// per row, however many times it is read.
/// </summary>
public abstract class RowMapper
{
    /// <summary>Creates a mapper over rows of <paramref name="inputSchema"/>; validate the schema in the subclass constructor.</summary>
    protected RowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputSchema = inputSchema;
    }

    /// <summary>The schema of input rows.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The columns this mapper adds (appended after the input columns, hiding same-named ones).</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>The input columns that output <paramref name="outputIndex"/> reads.</summary>
    public abstract IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex);

    /// <summary>
    /// A <c>ValueGetter&lt;T&gt;</c> (T = the output column's raw type) that computes output
    /// <paramref name="outputIndex"/> from the current row of <paramref name="input"/>; the dependencies
    /// of the output are active in <paramref name="input"/>. Called once per cursor, not per row.
    /// </summary>
    public abstract Delegate MakeGetter(DataViewRow input, int outputIndex);

    /// <summary>The output schema: the input columns followed by <see cref="OutputColumns"/>.</summary>
    public DataViewSchema GetOutputSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(InputSchema);
        builder.AddColumns(OutputColumns);
        return builder.ToSchema();
    }
}
