namespace MLVideo.Data;

/// <summary>
/// The type of a column of an <see cref="IDataView"/>: it fixes the .NET type (<see cref="RawType"/>)
/// that getters read and write.
/// </summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    /// <summary>Creates a type whose values are read as <paramref name="rawType"/>.</summary>
    protected DataViewType(Type rawType)
    {
        ArgumentNullException.ThrowIfNull(rawType);
        RawType = rawType;
    }

    /// <summary>The .NET type of a value: getters of this column are <c>ValueGetter&lt;RawType&gt;</c>.</summary>
    public Type RawType { get; }

    /// <summary>Whether <paramref name="other"/> describes the same values.</summary>
    public abstract bool Equals(DataViewType? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => RawType.GetHashCode();
}
