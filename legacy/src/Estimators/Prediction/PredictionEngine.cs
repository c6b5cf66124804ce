using MLVideo.Data;
using MLVideo.Prediction;

namespace MLVideo;

/// <summary>
/// Predicts one example at a time with a row-to-row model: <typeparamref name="TSrc"/> members become
/// input columns and output columns fill <typeparamref name="TDst"/> members of the same name. Not
/// thread-safe: use one engine per thread, or <see cref="PredictionEnginePool{TSrc, TDst}"/>.
/// </summary>
/// <typeparam name="TSrc">The input class (members mapped with [ColumnName], [VectorType], [KeyType]).</typeparam>
/// <typeparam name="TDst">The output class.</typeparam>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly SingleRowDataView<TSrc> _source;
    private readonly DataViewRowCursor _cursor;
    private readonly Action<TDst>[] _setters;
    private int _busy;

    internal PredictionEngine(ITransformer model, bool ignoreMissingColumns, DataViewSchema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsRowToRowMapper)
            throw new InvalidOperationException("The model is not row-to-row (it filters or reorders rows), so it cannot predict single examples.");
        _source = new SingleRowDataView<TSrc>();
        if (inputSchema is not null) CheckSourceAgainst(inputSchema);
        var output = model.Transform(_source); // validates every step against TSrc's columns now
        OutputSchema = output.Schema;
        var reader = RowReader<TDst>.Create(OutputSchema, ignoreMissingColumns);
        _cursor = output.GetRowCursor(reader.Columns);
        _setters = reader.MakeSetters(_cursor);
    }

    /// <summary>The schema of the model's output for <typeparamref name="TSrc"/> inputs.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>Predicts <paramref name="example"/> into a new <typeparamref name="TDst"/>.</summary>
    public TDst Predict(TSrc example)
    {
        var result = new TDst();
        Predict(example, ref result);
        return result;
    }

    /// <summary>Predicts <paramref name="example"/> into <paramref name="prediction"/> (created when null), reusing it.</summary>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("A PredictionEngine was used from two threads at once; use one engine per thread or a PredictionEnginePool.");
        try
        {
            prediction ??= new TDst();
            _source.Current = example;
            if (!_cursor.MoveNext()) throw new InvalidOperationException("The model produced no row for the example.");
            foreach (var set in _setters) set(prediction);
        }
        finally
        {
            _source.Current = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Releases the cursor.</summary>
    public void Dispose() => _cursor.Dispose();

    private void CheckSourceAgainst(DataViewSchema inputSchema)
    {
        foreach (var column in _source.Schema)
        {
            if (inputSchema.GetColumnOrNull(column.Name) is { } expected && !expected.Type.Equals(column.Type)
                && !(expected.Type is VectorDataViewType ev && column.Type is VectorDataViewType { IsKnownSize: false } cv && ev.ItemType.Equals(cv.ItemType)))
                throw SchemaMismatchException.Mismatch(nameof(inputSchema), "input", column.Name, expected.Type.ToString()!, column.Type.ToString()!);
        }
    }
}
