namespace MLVideo.Data;

/// <summary>A scalar type (text, numbers, Boolean, keys): the item types that vectors may hold.</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    /// <summary>Creates a scalar type read as <paramref name="rawType"/>.</summary>
    protected PrimitiveDataViewType(Type rawType) : base(rawType)
    {
    }
}
