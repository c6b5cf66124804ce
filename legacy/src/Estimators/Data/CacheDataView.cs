namespace MLVideo.Data;

/// <summary>
/// Keeps the values of the columns read so far in memory: the first cursor asking for a column
/// reads it from the input once, later cursors (e.g. training epochs) read memory. It can be
/// shuffled.
/// </summary>
internal sealed class CacheDataView : IDataView
{
    private readonly IDataView _input;
    private readonly HashSet<int> _prefetch;
    private readonly Dictionary<int, ColumnStore> _stores = [];
    private readonly object _lock = new();
    private int _rowCount = -1;

    public CacheDataView(IDataView input, IEnumerable<int> prefetchColumns)
    {
        _input = input;
        _prefetch = [.. prefetchColumns];
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _rowCount >= 0 ? _rowCount : _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        Dictionary<int, ColumnStore> stores;
        int count;
        lock (_lock)
        {
            var missing = needed.Concat(_prefetch).Where(i => !_stores.ContainsKey(i)).Distinct().ToList();
            if (missing.Count > 0 || _rowCount < 0) Fill(missing);
            stores = needed.ToDictionary(i => i, i => _stores[i]);
            count = _rowCount;
        }
        int[] order = Enumerable.Range(0, count).ToArray();
        if (rand is not null) rand.Shuffle(order);
        return new Cursor(Schema, stores, order);
    }

    private void Fill(List<int> columns)
    {
        var fresh = columns.ToDictionary(i => i, i => ColumnStore.Create(Schema[i]));
        using var cursor = _input.GetRowCursor(columns.Select(i => Schema[i]));
        foreach (var store in fresh.Values) store.Bind(cursor);
        int rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var store in fresh.Values) store.Load(rows);
            rows++;
        }
        if (_rowCount >= 0 && rows != _rowCount)
            throw new InvalidOperationException($"The cached view's input returned {rows} rows, but {_rowCount} the first time: the input is not repeatable.");
        _rowCount = rows;
        foreach (var (index, store) in fresh) _stores[index] = store;
    }

    private sealed class Cursor : StoredRowsCursor
    {
        private readonly int[] _order;
        private int _next;

        public Cursor(DataViewSchema schema, Dictionary<int, ColumnStore> stores, int[] order) : base(schema, stores) => _order = order;

        protected override bool MoveNextCore()
        {
            if (_next >= _order.Length) return false;
            CurrentSlot = _order[_next++];
            return true;
        }
    }
}
