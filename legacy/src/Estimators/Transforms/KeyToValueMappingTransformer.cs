using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>Maps keys to the values in the key column's <c>KeyValues</c> annotation.</summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase, IModelStep
{
    /// <summary>The model-file step kind.</summary>
    public const string Kind = "KeyToValueMapping";

    internal KeyToValueMappingTransformer(string outputColumnName, string inputColumnName)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
    }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The input key column.</summary>
    public string InputColumnName { get; }

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema)
    {
        var input = inputSchema.GetColumnOrNull(InputColumnName) ?? throw SchemaMismatchException.Missing(nameof(inputSchema), "input", InputColumnName, inputSchema);
        if (input.Type is not KeyDataViewType || !input.HasKeyValues())
            throw SchemaMismatchException.Mismatch(nameof(inputSchema), "input", InputColumnName, "scalar key with KeyValues", input.Type.ToString()!);
        var valueType = ((VectorDataViewType)input.Annotations.Schema[AnnotationUtils.Kinds.KeyValues].Type).ItemType;
        var mapperType = typeof(Mapper<>).MakeGenericType(valueType.RawType);
        return (RowMapper)Activator.CreateInstance(mapperType, inputSchema, input, OutputColumnName, valueType)!;
    }

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) =>
        writer.WriteOptions(new SavedOptions { OutputColumnName = OutputColumnName, InputColumnName = InputColumnName });

    internal static KeyToValueMappingTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || string.IsNullOrEmpty(o.InputColumnName))
            throw new ModelFormatException($"{reader.Location}: KeyToValueMapping options need OutputColumnName and InputColumnName.");
        return new KeyToValueMappingTransformer(o.OutputColumnName, o.InputColumnName);
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";

        public string InputColumnName { get; set; } = "";
    }

    private sealed class Mapper<T> : OneToOneRowMapper<uint, T>
    {
        private readonly T[] _values;
        private readonly T _missing;

        public Mapper(DataViewSchema schema, DataViewSchema.Column input, string outputColumnName, PrimitiveDataViewType valueType)
            : base(schema, input.Name, new DataViewSchema.DetachedColumn(outputColumnName, valueType), "scalar key with KeyValues")
        {
            VBuffer<T> keyValues = default;
            input.GetKeyValues(ref keyValues);
            _values = keyValues.GetValues().ToArray();
            _missing = typeof(T) == typeof(float) ? (T)(object)float.NaN : typeof(T) == typeof(double) ? (T)(object)double.NaN : default!;
        }

        protected override void Map(in uint source, ref T result) =>
            result = source >= 1 && source <= (uint)_values.Length ? _values[source - 1] : _missing;
    }
}
