using System.Text.Json;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>Maps values to keys with a learnt dictionary; unknown and missing values become key 0.</summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase, IModelStep
{
    /// <summary>The model-file step kind.</summary>
    public const string Kind = "ValueToKeyMapping";

    private readonly KeyMap _map;

    internal ValueToKeyMappingTransformer(string outputColumnName, string inputColumnName, KeyMap map, bool addKeyValueAnnotationsAsText)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        _map = map;
        AddKeyValueAnnotationsAsText = addKeyValueAnnotationsAsText;
    }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The input column.</summary>
    public string InputColumnName { get; }

    /// <summary>Whether key values are written as text.</summary>
    public bool AddKeyValueAnnotationsAsText { get; }

    /// <summary>Number of keys in the dictionary.</summary>
    public int KeyCount => _map.Count;

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) =>
        _map.MakeMapper(inputSchema, OutputColumnName, InputColumnName, AddKeyValueAnnotationsAsText);

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName,
        InputColumnName = InputColumnName,
        ItemType = _map.ItemTypeName,
        KeyCount = _map.ItemType is KeyDataViewType k ? k.Count : 0,
        AddKeyValueAnnotationsAsText = AddKeyValueAnnotationsAsText,
        Values = _map.ValuesToJson(),
    });

    /// <summary>Rebuilds a saved transformer (the registered loader of <see cref="Kind"/>).</summary>
    internal static ValueToKeyMappingTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || string.IsNullOrEmpty(o.InputColumnName) || o.ItemType is null)
            throw new ModelFormatException($"{reader.Location}: ValueToKeyMapping options need OutputColumnName, InputColumnName and ItemType.");
        var map = KeyMap.FromJson(o.ItemType, o.KeyCount, o.Values, reader.Location);
        return new ValueToKeyMappingTransformer(o.OutputColumnName, o.InputColumnName, map, o.AddKeyValueAnnotationsAsText);
    }

    /// <summary>The saved form (version 1).</summary>
    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";

        public string InputColumnName { get; set; } = "";

        public string? ItemType { get; set; }

        public ulong KeyCount { get; set; }

        public bool AddKeyValueAnnotationsAsText { get; set; }

        public JsonElement Values { get; set; }
    }
}
