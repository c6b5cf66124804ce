namespace MLVideo.Data;

/// <summary>
/// A vector of <see cref="ItemType"/> values read as <see cref="VBuffer{T}"/>. When every dimension is
/// positive the size is known (<see cref="IsKnownSize"/>); a dimension of 0 means "varies per row".
/// </summary>
public sealed class VectorDataViewType : DataViewType
{
    private readonly int[] _dimensions;

    /// <summary>Creates a vector type; no dimensions means a variable-size vector.</summary>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
        : base(typeof(VBuffer<>).MakeGenericType(itemType.RawType))
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (int d in dimensions)
            if (d < 0) throw new ArgumentOutOfRangeException(nameof(dimensions), $"Vector dimensions must be >= 0; got [{string.Join(", ", dimensions)}].");
        ItemType = itemType;
        _dimensions = dimensions.Length == 0 ? [0] : (int[])dimensions.Clone();
        long size = 1;
        foreach (int d in _dimensions) size *= d;
        if (size > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(dimensions), "Vector size exceeds Int32.MaxValue.");
        Size = (int)size;
    }

    /// <summary>Type of each item.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The dimensions (row-major); a 0 means unknown.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>Product of the dimensions; 0 when the size is not known.</summary>
    public int Size { get; }

    /// <summary>Whether every row holds exactly <see cref="Size"/> items.</summary>
    public bool IsKnownSize => Size > 0;

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType v && v.ItemType.Equals(ItemType) && v._dimensions.AsSpan().SequenceEqual(_dimensions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ItemType, Size);

    /// <summary>ML.NET's spelling: <c>Vector&lt;Single, 3, 4&gt;</c> or <c>Vector&lt;Single&gt;</c>.</summary>
    public override string ToString() =>
        IsKnownSize ? $"Vector<{ItemType}, {string.Join(", ", _dimensions)}>" : $"Vector<{ItemType}>";
}
