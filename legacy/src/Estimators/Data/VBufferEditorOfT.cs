namespace MLVideo.Data;

/// <summary>A writable view of a buffer's items; <see cref="Commit"/> returns the finished <see cref="VBuffer{T}"/>.</summary>
public readonly ref struct VBufferEditor<T>
{
    private readonly T[] _buffer;
    private readonly int _length;

    internal VBufferEditor(int length, T[] buffer)
    {
        _length = length;
        _buffer = buffer;
    }

    /// <summary>The items to write.</summary>
    public Span<T> Values => _buffer.AsSpan(0, _length);

    /// <summary>The buffer holding the written items.</summary>
    public VBuffer<T> Commit() => new(_length, _buffer);
}
