namespace MLVideo.Data;

/// <summary>Marks an array member as a vector column of known dimensions (without it, arrays are variable-size vectors).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class VectorTypeAttribute : Attribute
{
    /// <summary>A vector of variable size.</summary>
    public VectorTypeAttribute()
    {
        Dimensions = [];
    }

    /// <summary>A vector of the given dimensions.</summary>
    public VectorTypeAttribute(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Any(d => d <= 0)) throw new ArgumentOutOfRangeException(nameof(dimensions), "Vector dimensions must be positive.");
        Dimensions = (int[])dimensions.Clone();
    }

    /// <summary>The dimensions.</summary>
    public int[] Dimensions { get; }
}
