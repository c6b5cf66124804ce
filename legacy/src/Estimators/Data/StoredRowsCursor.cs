namespace MLVideo.Data;

/// <summary>A cursor reading rows from column stores; subclasses choose the slot for each row.</summary>
internal abstract class StoredRowsCursor : DataViewRowCursor
{
    private readonly Dictionary<int, ColumnStore> _stores;
    private readonly Dictionary<int, Delegate> _getters = [];
    private long _position = -1;

    protected StoredRowsCursor(DataViewSchema schema, Dictionary<int, ColumnStore> stores)
    {
        Schema = schema;
        _stores = stores;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    /// <summary>The slot of the current row.</summary>
    protected int CurrentSlot { get; set; } = -1;

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        CheckColumn(column);
        return _stores.ContainsKey(column.Index);
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        CheckColumn(column);
        if (!_stores.TryGetValue(column.Index, out var store)) throw InactiveColumn(column);
        if (column.Type.RawType != typeof(TValue)) throw WrongGetterType<TValue>(column);
        if (!_getters.TryGetValue(column.Index, out var getter))
            _getters[column.Index] = getter = store.MakeGetter(() => CurrentSlot >= 0 ? CurrentSlot : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first."));
        return (ValueGetter<TValue>)getter;
    }

    public sealed override bool MoveNext()
    {
        if (!MoveNextCore())
        {
            CurrentSlot = -1;
            return false;
        }
        _position++;
        return true;
    }

    /// <summary>Sets <see cref="CurrentSlot"/> to the next row's slot; false at the end.</summary>
    protected abstract bool MoveNextCore();
}
