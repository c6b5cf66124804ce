namespace MLVideo.Data;

/// <summary>
/// A key: a category index stored as <see cref="uint"/>, 1-based, where 0 means missing. Its values
/// 1..<see cref="Count"/> usually carry names in the column's <c>KeyValues</c> annotation.
/// </summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a key type with <paramref name="count"/> values (only <see cref="uint"/> keys are supported).</summary>
    public KeyDataViewType(Type type, ulong count) : base(type)
    {
        if (type != typeof(uint))
            throw new ArgumentException($"Key types must be stored as UInt32; got {type.Name}.", nameof(type));
        if (count == 0 || count > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count), count, "A key type needs between 1 and UInt32.MaxValue values.");
        Count = count;
    }

    /// <summary>Creates a <see cref="uint"/> key type with <paramref name="count"/> values.</summary>
    public KeyDataViewType(int count) : this(typeof(uint), checked((ulong)count))
    {
    }

    /// <summary>Number of valid key values (1..Count).</summary>
    public ulong Count { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is KeyDataViewType k && k.Count == Count && k.RawType == RawType;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RawType, Count);

    /// <summary>ML.NET's spelling: <c>Key&lt;UInt32, 0-{Count-1}&gt;</c>.</summary>
    public override string ToString() => $"Key<{RawType.Name}, 0-{Count - 1}>";
}
