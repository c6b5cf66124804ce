namespace MLVideo.Data;

/// <summary>A data view over objects (<c>LoadFromEnumerable</c>). Lists can be shuffled and counted; other sequences are streamed.</summary>
internal sealed class EnumerableDataView<TRow> : IDataView where TRow : class
{
    private readonly IEnumerable<TRow> _data;
    private readonly RowTypeMapping _mapping;

    public EnumerableDataView(IEnumerable<TRow> data, RowTypeMapping mapping)
    {
        _data = data;
        _mapping = mapping;
    }

    public bool CanShuffle => _data is IReadOnlyList<TRow>;

    public DataViewSchema Schema => _mapping.Schema;

    public long? GetRowCount() => _data is IReadOnlyCollection<TRow> c ? c.Count : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
        {
            if ((uint)c.Index >= (uint)Schema.Count || Schema[c.Index].Name != c.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{c.Name}' does not belong to this view's schema.");
            active[c.Index] = true;
        }
        IEnumerable<TRow> rows = _data;
        if (rand is not null && _data is IReadOnlyList<TRow> list)
        {
            var order = Enumerable.Range(0, list.Count).ToArray();
            rand.Shuffle(order);
            rows = order.Select(i => list[i]);
        }
        return new Cursor(this, rows.GetEnumerator(), active);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly EnumerableDataView<TRow> _view;
        private readonly IEnumerator<TRow> _rows;
        private readonly bool[] _active;
        private readonly Delegate?[] _getters;
        private long _position = -1;
        private TRow? _current;

        public Cursor(EnumerableDataView<TRow> view, IEnumerator<TRow> rows, bool[] active)
        {
            _view = view;
            _rows = rows;
            _active = active;
            _getters = new Delegate?[active.Length];
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column)
        {
            CheckColumn(column);
            return _active[column.Index];
        }

        public override bool MoveNext()
        {
            if (!_rows.MoveNext())
            {
                _current = null;
                return false;
            }
            _current = _rows.Current ?? throw new InvalidOperationException($"Row {_position + 1} of the {typeof(TRow).Name} sequence is null.");
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CheckColumn(column);
            if (!_active[column.Index]) throw InactiveColumn(column);
            if (column.Type.RawType != typeof(TValue)) throw WrongGetterType<TValue>(column);
            if (_getters[column.Index] is null)
            {
                var inner = (ValueGetter<TValue>)_view._mapping.Columns[column.Index].MakeGetter(CurrentRow);
                _getters[column.Index] = new RowCachedGetter<TValue>(this, inner).Getter;
            }
            return (ValueGetter<TValue>)_getters[column.Index]!;
        }

        private TRow CurrentRow() => _current ?? throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) _rows.Dispose();
            base.Dispose(disposing);
        }
    }
}
