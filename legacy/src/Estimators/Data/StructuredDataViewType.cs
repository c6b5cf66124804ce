namespace MLVideo.Data;

/// <summary>
/// The extension point for column types that are neither scalars nor vectors (as ML.NET's image type):
/// a library defines a subclass (e.g. the video and clip types of MLVideo.Transforms), and getters
/// of such a column read the subclass's <see cref="DataViewType.RawType"/>. Register the .NET type with
/// <see cref="DataViewTypeManager.Register"/> so class properties of that type map to the column type.
/// </summary>
public abstract class StructuredDataViewType : DataViewType
{
    /// <summary>Creates a structured type read as <paramref name="rawType"/>.</summary>
    protected StructuredDataViewType(Type rawType) : base(rawType)
    {
    }
}
