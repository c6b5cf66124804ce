namespace MLVideo.Data;

/// <summary>The first <c>count</c> rows of a view.</summary>
internal sealed class TakeRowsDataView : IDataView
{
    private readonly IDataView _input;
    private readonly long _count;

    public TakeRowsDataView(IDataView input, long count)
    {
        _input = input;
        _count = count;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount() is long n ? Math.Min(n, _count) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(_input.GetRowCursor(columnsNeeded), _count);

    private sealed class Cursor : PassThroughCursor
    {
        private readonly long _count;
        private long _taken;

        public Cursor(DataViewRowCursor input, long count) : base(input) => _count = count;

        protected override bool MoveNextCore()
        {
            if (_taken >= _count || !Input.MoveNext()) return false;
            _taken++;
            return true;
        }
    }
}
