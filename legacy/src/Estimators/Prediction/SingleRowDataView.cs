using MLVideo.Data;

namespace MLVideo.Prediction;

/// <summary>
/// A source view for prediction engines: its cursor never ends, and each <c>MoveNext</c> exposes the
/// example most recently set, as a new row (so per-row caches start afresh for every prediction).
/// </summary>
internal sealed class SingleRowDataView<TSrc> : IDataView where TSrc : class
{
    private readonly EnumerableDataView<TSrc> _view;
    private TSrc? _current;

    public SingleRowDataView()
    {
        _view = new EnumerableDataView<TSrc>(Rows(), RowTypeMapping.For(typeof(TSrc)));
    }

    /// <summary>The example the next row shows.</summary>
    public TSrc? Current
    {
        get => _current;
        set => _current = value;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _view.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => _view.GetRowCursor(columnsNeeded);

    private IEnumerable<TSrc> Rows()
    {
        while (true) yield return _current ?? throw new InvalidOperationException("No example was given to predict.");
    }
}
