namespace MLVideo.Data;

/// <summary>Text; values are <see cref="ReadOnlyMemory{T}"/> of <see cref="char"/>, as in ML.NET.</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType() : base(typeof(ReadOnlyMemory<char>))
    {
    }

    /// <summary>The single instance.</summary>
    public static TextDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is TextDataViewType;

    /// <inheritdoc />
    public override int GetHashCode() => RawType.GetHashCode();

    /// <summary>ML.NET's spelling in schema messages: <c>String</c>.</summary>
    public override string ToString() => "String";
}
