using System.Text;
using System.Text.Json;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// The JSON header of a safetensors file, parsed and checked against the size of the data block that follows it, so
/// that every later tensor read stays inside the data: a truncated or corrupted file fails here, with the fault named.
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The key of the string-to-string metadata object.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header we accept (as the reference implementation does): a larger length means a damaged or foreign file.</summary>
    public const long MaxBytes = 100L << 20;

    /// <summary>The metadata and the tensor records, in file order, checked against <paramref name="dataLength"/>.</summary>
    /// <exception cref="SafeTensorsFormatException">The header is malformed or a record does not fit the data block.</exception>
    public static (Dictionary<string, string> Metadata, List<SafeTensorsEntry> Entries) Parse(byte[] header, long dataLength, string sourceName)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw Fault(sourceName, $"header is not JSON ({e.Message})", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Fault(sourceName, "header is not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, sourceName);
                    continue;
                }
                // JSON allows a repeated key; a second record for one tensor would make its bytes ambiguous.
                if (!names.Add(property.Name)) throw Fault(sourceName, $"tensor '{property.Name}' appears twice in the header");
                var entry = ParseEntry(property, sourceName);
                Check(entry, dataLength, sourceName);
                entries.Add(entry);
            }
        }
        return (metadata, entries);
    }

    /// <summary>A format fault of <paramref name="sourceName"/>.</summary>
    public static SafeTensorsFormatException Fault(string sourceName, string fault, Exception? inner = null) => new(sourceName, fault, inner);

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string sourceName)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Fault(sourceName, $"{MetadataKey} is not an object");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw Fault(sourceName, $"metadata value '{item.Name}' is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ParseEntry(JsonProperty property, string sourceName)
    {
        string name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Fault(sourceName, $"tensor '{name}' lacks dtype, shape or a [begin, end] data_offsets pair");
        try
        {
            long[] dims = shape.EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (dims.Any(d => d < 0)) throw Fault(sourceName, $"tensor '{name}' has a negative dimension");
            return new SafeTensorsEntry(name, dtype.GetString()!, dims, offsets[0].GetInt64(), offsets[1].GetInt64());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw Fault(sourceName, $"tensor '{name}' has a non-integer shape or offset", e);
        }
    }

    private static void Check(SafeTensorsEntry e, long dataLength, string sourceName)
    {
        if (SafeTensorsDType.FromCode(e.DType) is not var (_, size))
            throw Fault(sourceName, $"tensor '{e.Name}' has dtype {e.DType}; supported: {SafeTensorsDType.Supported}");
        if (e.Begin < 0 || e.End < e.Begin || e.End > dataLength)
            throw Fault(sourceName, $"tensor '{e.Name}' spans bytes [{e.Begin}, {e.End}) but the data block has {dataLength} bytes (truncated?)");
        long expected;
        try
        {
            expected = checked(e.Shape.Aggregate(1L, (a, b) => a * b) * size);
        }
        catch (OverflowException ex)
        {
            throw Fault(sourceName, $"tensor '{e.Name}' has a shape [{string.Join(", ", e.Shape)}] too large to address", ex);
        }
        if (e.End - e.Begin != expected)
            throw Fault(sourceName, $"tensor '{e.Name}' ({e.DType}, shape [{string.Join(", ", e.Shape)}]) needs {expected} bytes but spans {e.End - e.Begin}");
    }
}
