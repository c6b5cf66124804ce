namespace MLVideo.Data;

/// <summary>Numeric types; each has one instance (<see cref="Single"/>, <see cref="Int32"/>, ...).</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType) : base(rawType)
    {
    }

    /// <summary>32-bit floats (<see cref="float"/>).</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float));

    /// <summary>64-bit floats (<see cref="double"/>).</summary>
    public static NumberDataViewType Double { get; } = new(typeof(double));

    /// <summary>32-bit signed integers (<see cref="int"/>).</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    /// <summary>64-bit signed integers (<see cref="long"/>).</summary>
    public static NumberDataViewType Int64 { get; } = new(typeof(long));

    /// <summary>32-bit unsigned integers (<see cref="uint"/>).</summary>
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    /// <summary>The instance for a .NET type, or null when it is not numeric.</summary>
    internal static NumberDataViewType? For(Type type) =>
        type == typeof(float) ? Single
        : type == typeof(double) ? Double
        : type == typeof(int) ? Int32
        : type == typeof(long) ? Int64
        : type == typeof(uint) ? UInt32
        : null;

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => RawType.GetHashCode();

    /// <summary>The .NET type name, as ML.NET prints it (<c>Single</c>, <c>Int32</c>).</summary>
    public override string ToString() => RawType.Name;
}
