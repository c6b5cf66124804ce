using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MLVideo.Tensors.Serialization;

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, a JSON header of
/// <c>{name: {dtype, shape, data_offsets}}</c> plus optional <c>__metadata__</c>, then the raw data).
/// </summary>
public static class SafeTensors
{
    /// <summary>Largest header accepted (the format's reference implementation uses 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor of a file, in file order, with the metadata.</summary>
    public static SafeTensorsFile Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Reads every tensor from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static SafeTensorsFile Load(Stream stream, string sourceName = "stream")
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(stream, lengthBytes, sourceName, "header length");
        long headerLength = BitConverter.ToInt64(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes)
            throw new InvalidDataException($"'{sourceName}' is not a safetensors file: header length {headerLength} is invalid.");
        var header = new byte[headerLength];
        ReadExactly(stream, header, sourceName, "header");
        using var doc = ParseHeader(header, sourceName);

        var metadata = new Dictionary<string, string>();
        var specs = new List<(string Name, string Dtype, int[] Shape, long Begin, long End)>();
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            if (prop.Name == "__metadata__")
            {
                foreach (var m in prop.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            try
            {
                string dtype = prop.Value.GetProperty("dtype").GetString()!;
                int[] shape = prop.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var offsets = prop.Value.GetProperty("data_offsets");
                long begin = offsets[0].GetInt64(), end = offsets[1].GetInt64();
                long expected = (long)ShapeHelper.Count(shape) * SafeTensorsDtype.ElementSize(dtype, prop.Name);
                if (begin < 0 || end < begin || end - begin != expected)
                    throw new InvalidDataException($"'{sourceName}': tensor '{prop.Name}' has data_offsets [{begin}, {end}] but needs {expected} bytes.");
                specs.Add((prop.Name, dtype, shape, begin, end));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"'{sourceName}': malformed header entry for tensor '{prop.Name}'.", e);
            }
        }

        // Data follows the header; read it once and slice (tensors are stored back to back).
        long dataLength = specs.Count == 0 ? 0 : specs.Max(s => s.End);
        var data = new byte[dataLength];
        ReadExactly(stream, data, sourceName, "tensor data");
        var entries = new List<SafeTensorsEntry>(specs.Count);
        foreach (var s in specs.OrderBy(s => s.Begin))
            entries.Add(new SafeTensorsEntry(s.Name, s.Dtype, s.Shape, data.AsSpan((int)s.Begin, (int)(s.End - s.Begin)).ToArray()));
        return new SafeTensorsFile(entries, metadata);
    }

    private static JsonDocument ParseHeader(byte[] header, string sourceName)
    {
        try
        {
            var doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"'{sourceName}' is not a safetensors file: the header is not a JSON object.");
            return doc;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{sourceName}' is not a safetensors file: the header is not valid JSON.", e);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string sourceName, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{sourceName}' is truncated: the {what} is incomplete.", e);
        }
    }

    /// <summary>Writes float32 tensors (in the given order) with optional metadata to a file.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = File.Create(temp)) Save(stream, tensors, metadata);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes float32 tensors (in the given order) with optional metadata to a stream.</summary>
    public static void Save(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var names = new HashSet<string>();
        using var headerStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(headerStream))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var kv in metadata) w.WriteString(kv.Key, kv.Value);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in list)
            {
                if (!names.Add(name)) throw new ArgumentException($"Duplicate tensor name '{name}'.", nameof(tensors));
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in tensor.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += tensor.Count * 4L;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        // Pad the header with spaces to a multiple of 8 so the data is aligned, as the reference writer does.
        int padded = (int)((headerStream.Length + 7) / 8 * 8);
        var header = new byte[padded];
        headerStream.ToArray().CopyTo(header, 0);
        for (int i = (int)headerStream.Length; i < padded; i++) header[i] = (byte)' ';
        stream.Write(BitConverter.GetBytes((long)padded));
        stream.Write(header);
        foreach (var (_, tensor) in list) stream.Write(MemoryMarshal.AsBytes(tensor.Data));
    }
}
