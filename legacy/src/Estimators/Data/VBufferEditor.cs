namespace MLVideo.Data;

/// <summary>Creates <see cref="VBufferEditor{T}"/> values.</summary>
public static class VBufferEditor
{
    /// <summary>
    /// Prepares to write <paramref name="newLogicalLength"/> items into <paramref name="destination"/>,
    /// reusing its array when it is large enough (so a getter allocates only on the first row).
    /// </summary>
    public static VBufferEditor<T> Create<T>(ref VBuffer<T> destination, int newLogicalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newLogicalLength);
        T[]? buffer = destination.Buffer;
        if (buffer is null || buffer.Length < newLogicalLength) buffer = new T[newLogicalLength];
        return new VBufferEditor<T>(newLogicalLength, buffer);
    }
}
