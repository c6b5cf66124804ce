namespace MLVideo.Data;

/// <summary>Delimited text files as data views (see <c>ml.Data.LoadFromTextFile</c>).</summary>
public static partial class TextLoader
{
    /// <summary>The primitive column type for a data kind; throws for kinds MLVideo does not load.</summary>
    internal static PrimitiveDataViewType TypeOf(DataKind kind, string columnName) => kind switch
    {
        DataKind.Single => NumberDataViewType.Single,
        DataKind.Double => NumberDataViewType.Double,
        DataKind.Int32 => NumberDataViewType.Int32,
        DataKind.Int64 => NumberDataViewType.Int64,
        DataKind.UInt32 => NumberDataViewType.UInt32,
        DataKind.String => TextDataViewType.Instance,
        DataKind.Boolean => BooleanDataViewType.Instance,
        _ => throw new NotSupportedException($"Text column '{columnName}': DataKind.{kind} is not supported; use Single, Double, Int32, Int64, UInt32, String or Boolean."),
    };
}
