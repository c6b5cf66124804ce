namespace MLVideo.Data;

/// <summary>All rows of a view but the first <c>count</c>.</summary>
internal sealed class SkipRowsDataView : IDataView
{
    private readonly IDataView _input;
    private readonly long _count;

    public SkipRowsDataView(IDataView input, long count)
    {
        _input = input;
        _count = count;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount() is long n ? Math.Max(0, n - _count) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(_input.GetRowCursor(columnsNeeded), _count);

    private sealed class Cursor : PassThroughCursor
    {
        private long _toSkip;

        public Cursor(DataViewRowCursor input, long count) : base(input) => _toSkip = count;

        protected override bool MoveNextCore()
        {
            for (; _toSkip > 0; _toSkip--)
                if (!Input.MoveNext()) return false;
            return Input.MoveNext();
        }
    }
}
