namespace MLVideo.Data;

/// <summary>
/// Wraps a getter so its value is computed once per row position and copied out on every read:
/// this is what makes "each active column is computed once per row" hold through a pipeline.
/// </summary>
internal sealed class RowCachedGetter<TValue>
{
    private readonly DataViewRow _row;
    private readonly ValueGetter<TValue> _inner;
    private TValue _value = default!;
    private long _position = -1;

    public RowCachedGetter(DataViewRow row, ValueGetter<TValue> inner)
    {
        _row = row;
        _inner = inner;
        Getter = Get;
    }

    /// <summary>The caching getter.</summary>
    public ValueGetter<TValue> Getter { get; }

    private void Get(ref TValue destination)
    {
        long position = _row.Position;
        if (position < 0) throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
        if (position != _position)
        {
            _inner(ref _value);
            _position = position;
        }
        ValueCopier<TValue>.Copy(in _value, ref destination);
    }
}
