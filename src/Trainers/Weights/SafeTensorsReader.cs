using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length n, n bytes of UTF-8 JSON (tensor name ->
/// dtype, shape, data offsets; <c>__metadata__</c> -> string dictionary), then the tensors' raw little-endian bytes.
/// Every record is checked against the data block, so a truncated or corrupted file fails with the fault named.
/// </summary>
public static class SafeTensorsReader
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100L << 20;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a safetensors stream to its end; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="SafeTensorsFormatException">The content is not valid safetensors.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (ReadFully(stream, lengthBytes) < 8) throw Fault(sourceName, "shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
            throw Fault(sourceName, $"header length {headerLength} is not between 1 and {MaxHeaderBytes} bytes");
        var header = new byte[headerLength];
        if (ReadFully(stream, header) < header.Length) throw Fault(sourceName, $"truncated inside the {headerLength}-byte header");

        using var data = new MemoryStream();
        stream.CopyTo(data);
        if (data.Length > int.MaxValue) throw Fault(sourceName, "data block larger than 2 GB");
        var bytes = data.GetBuffer().AsSpan(0, (int)data.Length).ToArray();

        var (metadata, entries) = ParseHeader(header, sourceName);
        CheckEntries(entries, bytes.LongLength, sourceName);
        return new SafeTensorsFile(sourceName, metadata, entries, bytes);
    }

    private static (Dictionary<string, string> Metadata, List<SafeTensorsEntry> Entries) ParseHeader(byte[] header, string sourceName)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
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
                    if (property.Value.ValueKind != JsonValueKind.Object) throw Fault(sourceName, "__metadata__ is not an object");
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        if (item.Value.ValueKind != JsonValueKind.String) throw Fault(sourceName, $"metadata value '{item.Name}' is not a string");
                        metadata[item.Name] = item.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(property, sourceName));
            }
        }
        return (metadata, entries);
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
        catch (FormatException e)
        {
            throw Fault(sourceName, $"tensor '{name}' has a non-integer shape or offset", e);
        }
        catch (InvalidOperationException e)
        {
            throw Fault(sourceName, $"tensor '{name}' has a non-integer shape or offset", e);
        }
    }

    private static void CheckEntries(List<SafeTensorsEntry> entries, long dataLength, string sourceName)
    {
        foreach (var e in entries)
        {
            if (SafeTensorsDType.FromCode(e.DType) is not var (_, size))
                throw Fault(sourceName, $"tensor '{e.Name}' has dtype {e.DType}; supported: {SafeTensorsDType.Supported}");
            if (e.Begin < 0 || e.End < e.Begin || e.End > dataLength)
                throw Fault(sourceName, $"tensor '{e.Name}' spans bytes [{e.Begin}, {e.End}) but the data block has {dataLength} bytes (truncated?)");
            long expected = e.ElementCount * size;
            if (e.End - e.Begin != expected)
                throw Fault(sourceName, $"tensor '{e.Name}' ({e.DType}, shape [{string.Join(", ", e.Shape)}]) needs {expected} bytes but spans {e.End - e.Begin}");
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private static SafeTensorsFormatException Fault(string sourceName, string fault, Exception? inner = null) => new(sourceName, fault, inner);
}
