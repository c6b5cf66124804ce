namespace MLVideo.Data;

/// <summary>Marks a <see cref="uint"/> member as a key column with <see cref="Count"/> values (1-based, 0 = missing).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class KeyTypeAttribute : Attribute
{
    /// <summary>A key type with <paramref name="count"/> values.</summary>
    public KeyTypeAttribute(ulong count)
    {
        if (count == 0) throw new ArgumentOutOfRangeException(nameof(count), "A key type needs at least one value.");
        Count = count;
    }

    /// <summary>Number of key values.</summary>
    public ulong Count { get; }
}
