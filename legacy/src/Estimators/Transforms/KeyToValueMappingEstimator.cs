using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// Maps keys back to their values using the key column's <c>KeyValues</c>. Trains nothing. Created by
/// <c>ml.Transforms.Conversion.MapKeyToValue</c>.
/// </summary>
/// <remarks>
/// | | |
/// |---|---|
/// | Trains? | No |
/// | Input | scalar key with <c>KeyValues</c> |
/// | Output | scalar of the key values' type (key 0 gives the type's default: empty text, NaN for floats) |
/// </remarks>
public sealed class KeyToValueMappingEstimator : IEstimator<KeyToValueMappingTransformer>
{
    internal KeyToValueMappingEstimator(string outputColumnName, string? inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName ?? outputColumnName;
    }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The input key column.</summary>
    public string InputColumnName { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = inputSchema.RequireColumn(InputColumnName, "input",
            c => c.IsKey && c.Kind == SchemaShape.Column.VectorKind.Scalar && c.HasKeyValues(), "scalar key with KeyValues");
        input.Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out var keyValues);
        return inputSchema.WithColumns(new SchemaShape.Column(OutputColumnName, SchemaShape.Column.VectorKind.Scalar, keyValues.ItemType, keyValues.IsKey));
    }

    /// <inheritdoc />
    public KeyToValueMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new KeyToValueMappingTransformer(OutputColumnName, InputColumnName);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }
}
