namespace MLVideo.Data;

/// <summary>
/// A <see cref="RowMapper"/> computing one output column from one input column: subclasses implement
/// <see cref="Map"/> only. The input value buffer is reused from row to row.
/// </summary>
/// <typeparam name="TSource">Raw type of the input column.</typeparam>
/// <typeparam name="TResult">Raw type of the output column.</typeparam>
public abstract class OneToOneRowMapper<TSource, TResult> : RowMapper
{
    private readonly DataViewSchema.DetachedColumn[] _outputs;

    /// <summary>
    /// Creates the mapper, checking that <paramref name="inputColumnName"/> exists and is read as
    /// <typeparamref name="TSource"/> (else a <see cref="SchemaMismatchException"/> whose expected type is
    /// <paramref name="expectedInputType"/>, by default the .NET type name).
    /// </summary>
    protected OneToOneRowMapper(DataViewSchema inputSchema, string inputColumnName, DataViewSchema.DetachedColumn outputColumn, string? expectedInputType = null)
        : base(inputSchema)
    {
        var input = inputSchema.GetColumnOrNull(inputColumnName)
            ?? throw SchemaMismatchException.Missing(nameof(inputSchema), "input", inputColumnName, inputSchema);
        if (input.Type.RawType != typeof(TSource))
            throw SchemaMismatchException.Mismatch(nameof(inputSchema), "input", inputColumnName, expectedInputType ?? typeof(TSource).Name, input.Type.ToString()!);
        if (outputColumn.Type.RawType != typeof(TResult))
            throw new ArgumentException($"Output column '{outputColumn.Name}' of type {outputColumn.Type} is read as {outputColumn.Type.RawType.Name}, not {typeof(TResult).Name}.", nameof(outputColumn));
        InputColumn = input;
        _outputs = [outputColumn];
    }

    /// <summary>The input column.</summary>
    protected DataViewSchema.Column InputColumn { get; }

    /// <inheritdoc />
    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

    /// <inheritdoc />
    public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [InputColumn];

    /// <inheritdoc />
    public override Delegate MakeGetter(DataViewRow input, int outputIndex)
    {
        var source = input.GetGetter<TSource>(InputColumn);
        TSource value = default!;
        ValueGetter<TResult> getter = (ref TResult result) =>
        {
            source(ref value);
            Map(in value, ref result);
        };
        return getter;
    }

    /// <summary>Computes the output value from the input value, reusing <paramref name="result"/>'s buffers when possible.</summary>
    protected abstract void Map(in TSource source, ref TResult result);
}
