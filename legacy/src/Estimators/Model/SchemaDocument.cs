using MLVideo.Data;

namespace MLVideo.Model;

/// <summary>The schema.json of a model file: the input columns, their types and text key values / slot names.</summary>
internal sealed class SchemaDocument
{
    public List<ColumnDocument> Columns { get; set; } = [];

    public static SchemaDocument From(DataViewSchema schema)
    {
        var doc = new SchemaDocument();
        foreach (var c in schema)
        {
            if (c.IsHidden) continue;
            doc.Columns.Add(new ColumnDocument
            {
                Name = c.Name,
                Type = TypeDocument.From(c.Type),
                KeyValues = TextAnnotation(c, AnnotationUtils.Kinds.KeyValues),
                SlotNames = TextAnnotation(c, AnnotationUtils.Kinds.SlotNames),
            });
        }
        return doc;
    }

    public DataViewSchema ToSchema(string location)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var c in Columns)
        {
            if (string.IsNullOrEmpty(c.Name) || c.Type is null) throw new ModelFormatException($"{location}: a schema column has no name or type.");
            var type = c.Type.ToType(location, c.Name);
            var annotations = new DataViewSchema.Annotations.Builder();
            if (c.KeyValues is { } kv)
            {
                var values = kv.Select(s => s.AsMemory()).ToArray();
                annotations.AddKeyValues(values.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(values.Length, values).CopyTo(ref dst));
            }
            if (c.SlotNames is { } sn)
            {
                var values = sn.Select(s => s.AsMemory()).ToArray();
                annotations.AddSlotNames(values.Length, (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(values.Length, values).CopyTo(ref dst));
            }
            builder.AddColumn(c.Name, type, annotations.ToAnnotations());
        }
        return builder.ToSchema();
    }

    private static List<string>? TextAnnotation(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue(kind, ref values);
        return values.DenseValues().Select(m => m.ToString()).ToList();
    }

    internal sealed class ColumnDocument
    {
        public string? Name { get; set; }

        public TypeDocument? Type { get; set; }

        public List<string>? KeyValues { get; set; }

        public List<string>? SlotNames { get; set; }
    }

    internal sealed class TypeDocument
    {
        public string? Kind { get; set; }

        public string? Name { get; set; }

        public ulong? Count { get; set; }

        public TypeDocument? Item { get; set; }

        public int[]? Dimensions { get; set; }

        public static TypeDocument From(DataViewType type) => type switch
        {
            TextDataViewType => new() { Kind = "Text" },
            BooleanDataViewType => new() { Kind = "Boolean" },
            NumberDataViewType n => new() { Kind = "Number", Name = n.ToString() },
            KeyDataViewType k => new() { Kind = "Key", Count = k.Count },
            VectorDataViewType v => new() { Kind = "Vector", Item = From(v.ItemType), Dimensions = v.Dimensions.ToArray() },
            StructuredDataViewType s => new() { Kind = "Structured", Name = s.ToString() },
            _ => throw new NotSupportedException($"Column type {type} cannot be written to a model file."),
        };

        public DataViewType ToType(string location, string column) => Kind switch
        {
            "Text" => TextDataViewType.Instance,
            "Boolean" => BooleanDataViewType.Instance,
            "Number" => Name switch
            {
                "Single" => NumberDataViewType.Single,
                "Double" => NumberDataViewType.Double,
                "Int32" => NumberDataViewType.Int32,
                "Int64" => NumberDataViewType.Int64,
                "UInt32" => NumberDataViewType.UInt32,
                _ => throw new ModelFormatException($"{location}: column '{column}' has unknown number type '{Name}'."),
            },
            "Key" when Count is > 0 and <= uint.MaxValue => new KeyDataViewType(typeof(uint), Count.Value),
            "Vector" when Item is not null && Dimensions is not null && Dimensions.All(d => d >= 0) =>
                Item.ToType(location, column) is PrimitiveDataViewType item ? new VectorDataViewType(item, Dimensions)
                    : throw new ModelFormatException($"{location}: column '{column}' is a vector of a non-primitive type."),
            "Structured" => DataViewTypeManager.GetDataViewTypeByNameOrNull(Name ?? "")
                ?? throw new ModelFormatException($"{location}: column '{column}' has type '{Name}', which is not registered (reference the library defining it)."),
            _ => throw new ModelFormatException($"{location}: column '{column}' has an invalid type description (kind '{Kind}')."),
        };
    }
}
