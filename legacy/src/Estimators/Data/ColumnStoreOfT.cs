namespace MLVideo.Data;

/// <summary>Values of one column of raw type <typeparamref name="T"/>, slot by slot.</summary>
internal sealed class ColumnStore<T> : ColumnStore
{
    private readonly DataViewSchema.Column _column;
    private T[] _slots = new T[16];
    private ValueGetter<T>? _source;

    public ColumnStore(DataViewSchema.Column column) => _column = column;

    public override void Bind(DataViewRow source) => _source = source.GetGetter<T>(source.Schema[_column.Index]);

    public override void Load(int slot)
    {
        if (slot >= _slots.Length) Array.Resize(ref _slots, Math.Max(slot + 1, _slots.Length * 2));
        // The getter writes into the slot, reusing the buffer it held before.
        _source!(ref _slots[slot]);
    }

    public override void Swap(int a, int b) => (_slots[a], _slots[b]) = (_slots[b], _slots[a]);

    public override Delegate MakeGetter(Func<int> currentSlot)
    {
        ValueGetter<T> getter = (ref T destination) => ValueCopier<T>.Copy(in _slots[currentSlot()], ref destination);
        return getter;
    }
}
