using System.Buffers;

namespace MLVideo.Tensors;

/// <summary>
/// Reference-counted float buffer rented from a shared pool, so that training loops that create
/// and dispose the same shapes every step do not churn the garbage collector.
/// </summary>
internal sealed class TensorStorage
{
    private static readonly ArrayPool<float> Pool = ArrayPool<float>.Create(maxArrayLength: 1 << 30, maxArraysPerBucket: 256);

    private float[]? _array;
    private int _references = 1;

    private TensorStorage(float[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>Number of usable elements (the rented array may be longer).</summary>
    public int Length { get; }

    /// <summary>The backing array; throws if the storage was already released.</summary>
    public float[] Array => _array ?? throw new ObjectDisposedException(nameof(Tensor), "The tensor's storage was disposed.");

    public Span<float> Span => Array.AsSpan(0, Length);

    public bool IsReleased => _array is null;

    /// <summary>Rents storage; the contents are zeroed when <paramref name="clear"/> is true.</summary>
    public static TensorStorage Rent(int length, bool clear = true)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Element count must be non-negative.");
        float[] array = length == 0 ? System.Array.Empty<float>() : Pool.Rent(length);
        if (clear) array.AsSpan(0, length).Clear();
        return new TensorStorage(array, length);
    }

    /// <summary>Wraps a caller-owned array without pooling it.</summary>
    public static TensorStorage Wrap(float[] array, int length) => new(array, length) { _pooled = false };

    private bool _pooled = true;

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        float[]? array = Interlocked.Exchange(ref _array, null);
        if (array is not null && _pooled && array.Length > 0) Pool.Return(array);
    }
}
