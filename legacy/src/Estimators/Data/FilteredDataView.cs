namespace MLVideo.Data;

/// <summary>
/// The rows of an input view that a predicate accepts. The predicate is built per cursor from the
/// input cursor (so it can hold getters) and reads only <see cref="_filterColumns"/>.
/// </summary>
internal sealed class FilteredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column[] _filterColumns;
    private readonly Func<DataViewRowCursor, Func<bool>> _makePredicate;
    private readonly bool _orderDependent;

    /// <param name="input">The view to filter.</param>
    /// <param name="filterColumns">Input columns the predicate reads.</param>
    /// <param name="makePredicate">Creates the predicate for one cursor.</param>
    /// <param name="orderDependent">True when the predicate depends on the row order (e.g. uses the position), so the input must not be shuffled.</param>
    public FilteredDataView(IDataView input, IEnumerable<DataViewSchema.Column> filterColumns, Func<DataViewRowCursor, Func<bool>> makePredicate, bool orderDependent)
    {
        _input = input;
        _filterColumns = filterColumns.ToArray();
        _makePredicate = makePredicate;
        _orderDependent = orderDependent;
    }

    public bool CanShuffle => !_orderDependent && _input.CanShuffle;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var input = _input.GetRowCursor(columnsNeeded.Concat(_filterColumns).DistinctBy(c => c.Index), _orderDependent ? null : rand);
        return new Cursor(input, _makePredicate(input));
    }

    private sealed class Cursor : PassThroughCursor
    {
        private readonly Func<bool> _accept;

        public Cursor(DataViewRowCursor input, Func<bool> accept) : base(input) => _accept = accept;

        protected override bool MoveNextCore()
        {
            while (Input.MoveNext())
                if (_accept()) return true;
            return false;
        }
    }
}
