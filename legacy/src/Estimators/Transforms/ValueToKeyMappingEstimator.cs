using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// Learns a dictionary of the values of a column and maps each value to its key (1-based; 0 for
/// missing values and values not in the dictionary). Created by
/// <c>ml.Transforms.Conversion.MapValueToKey</c>.
/// </summary>
/// <remarks>
/// | | |
/// |---|---|
/// | Trains? | Yes (one pass over the input column) |
/// | Input | scalar String, Single, Double, Int32, Int64, UInt32, Boolean or key |
/// | Output | scalar Key&lt;UInt32&gt; with the dictionary as <c>KeyValues</c> |
/// </remarks>
public sealed partial class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    private readonly MLVideoContext _context;
    private readonly IDataView? _keyData;

    internal ValueToKeyMappingEstimator(MLVideoContext context, string outputColumnName, string? inputColumnName, int maximumNumberOfKeys,
        KeyOrdinality keyOrdinality, bool addKeyValueAnnotationsAsText, IDataView? keyData)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumNumberOfKeys, 1);
        if (!Enum.IsDefined(keyOrdinality)) throw new ArgumentOutOfRangeException(nameof(keyOrdinality), keyOrdinality, "Unknown key ordinality.");
        _context = context;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName ?? outputColumnName;
        MaximumNumberOfKeys = maximumNumberOfKeys;
        Ordinality = keyOrdinality;
        AddKeyValueAnnotationsAsText = addKeyValueAnnotationsAsText;
        _keyData = keyData;
    }

    /// <summary>The output column (a key).</summary>
    public string OutputColumnName { get; }

    /// <summary>The input column.</summary>
    public string InputColumnName { get; }

    /// <summary>Most keys learnt; later new values map to 0.</summary>
    public int MaximumNumberOfKeys { get; }

    /// <summary>Key order: first occurrence or sorted value.</summary>
    public KeyOrdinality Ordinality { get; }

    /// <summary>Whether <c>KeyValues</c> are text even for non-text inputs.</summary>
    public bool AddKeyValueAnnotationsAsText { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = inputSchema.RequireColumn(InputColumnName, "input",
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && (c.IsKey || KeyMap.TypeNameOrNull(c.ItemType) is not null),
            "scalar of String, Single, Double, Int32, Int64, UInt32, Boolean or key");
        DataViewType keyValuesItem = AddKeyValueAnnotationsAsText ? TextDataViewType.Instance : input.IsKey ? NumberDataViewType.UInt32 : input.ItemType;
        var annotations = new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, keyValuesItem, false)]);
        return inputSchema.WithColumns(new SchemaShape.Column(OutputColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, annotations));
    }

    /// <inheritdoc />
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var column = input.Schema[InputColumnName];
        IDataView source = input;
        var sourceColumn = column;
        if (_keyData is not null)
        {
            var keyColumn = _keyData.Schema.GetColumnOrNull(InputColumnName)
                ?? (_keyData.Schema.Count(c => !c.IsHidden) == 1 ? _keyData.Schema.Single(c => !c.IsHidden) : (DataViewSchema.Column?)null)
                ?? throw SchemaMismatchException.Missing(nameof(_keyData), "key data", InputColumnName, _keyData.Schema);
            if (!keyColumn.Type.Equals(column.Type) && !(keyColumn.Type is KeyDataViewType && column.Type is KeyDataViewType))
                throw SchemaMismatchException.Mismatch("keyData", "key data", keyColumn.Name, column.Type.ToString()!, keyColumn.Type.ToString()!);
            source = _keyData;
            sourceColumn = keyColumn;
        }
        var map = KeyMap.Train(source, sourceColumn, MaximumNumberOfKeys, Ordinality == KeyOrdinality.ByValue);
        _context.WriteLog(ChannelMessageKind.Info, nameof(ValueToKeyMappingEstimator), $"Column '{InputColumnName}': {map.Count} keys.");
        return new ValueToKeyMappingTransformer(OutputColumnName, InputColumnName, map, AddKeyValueAnnotationsAsText);
    }
}
