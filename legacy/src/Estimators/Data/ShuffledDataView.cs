namespace MLVideo.Data;

/// <summary>
/// Rows in a random order (<c>ShuffleRows</c>). A shufflable input is asked for a fully shuffled
/// cursor; otherwise rows pass through a pool of <c>shufflePoolSize</c> rows from which each next row
/// is drawn at random (ML.NET's pool shuffle). Without a caller's generator every cursor uses the
/// same seeded order.
/// </summary>
internal sealed class ShuffledDataView : IDataView
{
    private readonly IDataView _input;
    private readonly int _seed;
    private readonly int _poolSize;
    private readonly bool _shuffleSource;

    public ShuffledDataView(IDataView input, int seed, int poolSize, bool shuffleSource)
    {
        _input = input;
        _seed = seed;
        _poolSize = poolSize;
        _shuffleSource = shuffleSource;
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var random = rand ?? new Random(_seed);
        var needed = columnsNeeded.DistinctBy(c => c.Index).ToList();
        if (_shuffleSource && _input.CanShuffle) return _input.GetRowCursor(needed, random);
        var input = _input.GetRowCursor(needed);
        var stores = needed.ToDictionary(c => c.Index, ColumnStore.Create);
        foreach (var store in stores.Values) store.Bind(input);
        return new PoolCursor(Schema, stores, input, random, _poolSize);
    }

    private sealed class PoolCursor : StoredRowsCursor
    {
        private readonly Dictionary<int, ColumnStore> _stores;
        private readonly DataViewRowCursor _input;
        private readonly Random _random;
        private readonly int _poolSize;
        private int _filled = -1;

        public PoolCursor(DataViewSchema schema, Dictionary<int, ColumnStore> stores, DataViewRowCursor input, Random random, int poolSize)
            : base(schema, stores)
        {
            _stores = stores;
            _input = input;
            _random = random;
            _poolSize = poolSize;
        }

        protected override bool MoveNextCore()
        {
            if (_filled < 0)
            {
                _filled = 0;
                while (_filled < _poolSize && _input.MoveNext()) LoadInto(_filled++);
            }
            else if (CurrentSlot >= 0)
            {
                // Refill the slot just shown, or close the gap with the last slot when the input is done.
                if (_input.MoveNext()) LoadInto(CurrentSlot);
                else
                {
                    _filled--;
                    if (CurrentSlot != _filled) foreach (var store in _stores.Values) store.Swap(CurrentSlot, _filled);
                }
            }
            if (_filled == 0) return false;
            CurrentSlot = _random.Next(_filled);
            return true;
        }

        private void LoadInto(int slot)
        {
            foreach (var store in _stores.Values) store.Load(slot);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
