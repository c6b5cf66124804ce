namespace MLVideo.Data;

/// <summary>
/// A vector value of a column. Only the dense representation is supported: <see cref="GetValues"/>
/// holds all <see cref="Length"/> items. The backing array may be larger than <see cref="Length"/> so
/// getters can reuse it from row to row (see <see cref="VBufferEditor"/>).
/// </summary>
public readonly struct VBuffer<T>
{
    private readonly T[]? _values;

    /// <summary>Creates a dense buffer over the first <paramref name="length"/> items of <paramref name="values"/>.</summary>
    /// <param name="length">Logical length.</param>
    /// <param name="values">Backing array (at least <paramref name="length"/> items); not copied.</param>
    /// <param name="indices">Must be null: sparse buffers are not supported.</param>
    public VBuffer(int length, T[] values, int[]? indices = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (indices is not null) throw new NotSupportedException("Sparse VBuffer values are not supported by MLVideo; pass dense values.");
        if (length > 0 && (values is null || values.Length < length))
            throw new ArgumentException($"VBuffer of length {length} needs at least {length} values; got {values?.Length ?? 0}.", nameof(values));
        Length = length;
        _values = values;
    }

    /// <summary>Logical number of items.</summary>
    public int Length { get; }

    /// <summary>Always true: only dense buffers exist.</summary>
    public bool IsDense => true;

    /// <summary>The items.</summary>
    public ReadOnlySpan<T> GetValues() => _values is null ? ReadOnlySpan<T>.Empty : _values.AsSpan(0, Length);

    /// <summary>Indices of explicit values; empty for dense buffers.</summary>
    public ReadOnlySpan<int> GetIndices() => ReadOnlySpan<int>.Empty;

    /// <summary>Item <paramref name="index"/>.</summary>
    public T GetItemOrDefault(int index)
    {
        if ((uint)index >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(index), index, $"VBuffer has {Length} items.");
        return _values![index];
    }

    /// <summary>The items, one by one.</summary>
    public IEnumerable<T> DenseValues()
    {
        for (int i = 0; i < Length; i++) yield return _values![i];
    }

    /// <summary>(index, value) pairs of all items.</summary>
    public IEnumerable<KeyValuePair<int, T>> Items(bool all = false)
    {
        for (int i = 0; i < Length; i++) yield return new KeyValuePair<int, T>(i, _values![i]);
    }

    /// <summary>Copies the items into <paramref name="destination"/>, reusing its array when large enough.</summary>
    public void CopyTo(ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, Length);
        GetValues().CopyTo(editor.Values);
        destination = editor.Commit();
    }

    /// <summary>Copies the items into a span of at least <see cref="Length"/> items.</summary>
    public void CopyTo(Span<T> destination) => GetValues().CopyTo(destination);

    /// <summary>The backing array, for editors reusing it.</summary>
    internal T[]? Buffer => _values;

    /// <inheritdoc />
    public override string ToString() => $"VBuffer<{typeof(T).Name}>[{Length}]";
}
