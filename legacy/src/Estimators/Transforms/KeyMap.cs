using System.Globalization;
using System.Text.Json;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// The dictionary of a value-to-key mapping: value i (0-based) has key i + 1. Typed by the input's
/// raw type in <see cref="KeyMap{T}"/>; this base gives what does not depend on the type.
/// </summary>
internal abstract class KeyMap
{
    /// <summary>The supported input item types, by name (the names used in model files).</summary>
    public static readonly string[] SupportedTypeNames = ["String", "Single", "Double", "Int32", "Int64", "UInt32", "Boolean", "Key"];

    /// <summary>Number of keys.</summary>
    public abstract int Count { get; }

    /// <summary>The item type of the input column (a key input keeps its key type).</summary>
    public abstract PrimitiveDataViewType ItemType { get; }

    /// <summary>The name of the item type as written to model files.</summary>
    public string ItemTypeName => TypeName(ItemType);

    /// <summary>The key values as JSON (strings for text, numbers otherwise).</summary>
    public abstract JsonElement ValuesToJson();

    /// <summary>Annotations holding the key values (as text when <paramref name="asText"/>).</summary>
    public abstract DataViewSchema.Annotations MakeKeyValues(bool asText);

    /// <summary>A mapper from the input column to keys.</summary>
    public abstract RowMapper MakeMapper(DataViewSchema schema, string outputColumnName, string inputColumnName, bool asText);

    /// <summary>The model-file name of a supported type, or null.</summary>
    public static string? TypeNameOrNull(DataViewType type) => type switch
    {
        TextDataViewType => "String",
        BooleanDataViewType => "Boolean",
        KeyDataViewType => "Key",
        NumberDataViewType n when n == NumberDataViewType.Single => "Single",
        NumberDataViewType n when n == NumberDataViewType.Double => "Double",
        NumberDataViewType n when n == NumberDataViewType.Int32 => "Int32",
        NumberDataViewType n when n == NumberDataViewType.Int64 => "Int64",
        NumberDataViewType n when n == NumberDataViewType.UInt32 => "UInt32",
        _ => null,
    };

    private static string TypeName(DataViewType type) => TypeNameOrNull(type) ?? throw new NotSupportedException($"Values of type {type} cannot be mapped to keys.");

    /// <summary>Learns a map from the <paramref name="column"/> of <paramref name="data"/>.</summary>
    public static KeyMap Train(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, bool byValue)
    {
        var method = typeof(KeyMap).GetMethod(nameof(TrainTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType);
        try
        {
            return (KeyMap)method.Invoke(null, [data, column, maximumNumberOfKeys, byValue])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static KeyMap TrainTyped<T>(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, bool byValue) where T : notnull
    {
        var builder = new KeyMap<T>.Builder((PrimitiveDataViewType)column.Type);
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (builder.Count < maximumNumberOfKeys && cursor.MoveNext())
        {
            getter(ref value);
            builder.TryAdd(value);
        }
        return builder.Finish(byValue);
    }

    /// <summary>Reads a map written by <see cref="ValuesToJson"/>.</summary>
    public static KeyMap FromJson(string typeName, ulong keyCount, JsonElement values, string location)
    {
        try
        {
            return typeName switch
            {
                "String" => KeyMap<ReadOnlyMemory<char>>.Create(TextDataViewType.Instance, values.Deserialize<string[]>(ModelJson.Options)!.Select(s => s.AsMemory()).ToArray(), location),
                "Single" => KeyMap<float>.Create(NumberDataViewType.Single, values.Deserialize<float[]>(ModelJson.Options)!, location),
                "Double" => KeyMap<double>.Create(NumberDataViewType.Double, values.Deserialize<double[]>(ModelJson.Options)!, location),
                "Int32" => KeyMap<int>.Create(NumberDataViewType.Int32, values.Deserialize<int[]>(ModelJson.Options)!, location),
                "Int64" => KeyMap<long>.Create(NumberDataViewType.Int64, values.Deserialize<long[]>(ModelJson.Options)!, location),
                "UInt32" => KeyMap<uint>.Create(NumberDataViewType.UInt32, values.Deserialize<uint[]>(ModelJson.Options)!, location),
                "Boolean" => KeyMap<bool>.Create(BooleanDataViewType.Instance, values.Deserialize<bool[]>(ModelJson.Options)!, location),
                "Key" => KeyMap<uint>.Create(new KeyDataViewType(typeof(uint), keyCount), values.Deserialize<uint[]>(ModelJson.Options)!, location),
                _ => throw new ModelFormatException($"{location}: item type '{typeName}' is not one of {string.Join(", ", SupportedTypeNames)}."),
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException or InvalidOperationException)
        {
            throw new ModelFormatException($"{location}: the key values are not a valid list of {typeName}: {e.Message}", e);
        }
    }

    /// <summary>Invariant text of a value, for text key values of non-text inputs.</summary>
    protected static string Format<T>(T value) => value switch
    {
        ReadOnlyMemory<char> m => m.ToString(),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
