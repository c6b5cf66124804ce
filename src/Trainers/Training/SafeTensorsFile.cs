using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// The safetensors layout (8-byte little-endian header length, a JSON header of names, dtypes, shapes and offsets plus
/// a <c>__metadata__</c> string map, then the raw little-endian data), read and written for checkpoints. Writing goes to
/// a temporary file beside the target that replaces it only once complete and flushed, so a failed or killed save
/// leaves the previous file as it was.
/// </summary>
/// <remarks>Internal to the training loop; the public weight reader/writer lives in Weights.</remarks>
internal sealed class SafeTensorsFile : IDisposable
{
    private const string MetadataKey = "__metadata__";
    private readonly FileStream _stream;
    private readonly long _dataStart;
    private readonly Dictionary<string, Entry> _entries;

    private SafeTensorsFile(string path, FileStream stream, long dataStart, Dictionary<string, Entry> entries, IReadOnlyList<string> names, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        _entries = entries;
        Names = names;
        Metadata = metadata;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Tensor names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>__metadata__</c> map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Whether a tensor of that name is stored.</summary>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Shape of a stored tensor.</summary>
    public long[] Shape(string name) => Get(name).Shape;

    /// <summary>Reads a tensor onto <paramref name="device"/> (CPU by default). The caller owns it.</summary>
    public Tensor ReadTensor(string name, Device? device = null)
    {
        var entry = Get(name);
        var tensor = empty(entry.Shape, entry.Type);
        long bytes = entry.End - entry.Begin;
        if (bytes > int.MaxValue)
            throw new InvalidDataException($"'{Path}': tensor '{name}' has {bytes} bytes; tensors over 2 GiB are not supported here.");
        try
        {
            _stream.Position = _dataStart + entry.Begin;
            _stream.ReadExactly(tensor.bytes);
        }
        catch (EndOfStreamException e)
        {
            tensor.Dispose();
            throw new InvalidDataException($"'{Path}' is truncated: the data of tensor '{name}' is cut off.", e);
        }
        if (device is null || device.type == DeviceType.CPU) return tensor;
        var moved = tensor.to(device);
        tensor.Dispose();
        return moved;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a safetensors file, or truncated; the message names the file.</exception>
    public static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No file at '{path}'.", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            Span<byte> prefix = stackalloc byte[8];
            if (stream.Length < 8) throw new InvalidDataException($"'{path}' is not a safetensors file: {stream.Length} bytes, shorter than the 8-byte header length.");
            stream.ReadExactly(prefix);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)(stream.Length - 8))
                throw new InvalidDataException($"'{path}' is truncated or not a safetensors file: its header claims {headerLength} bytes but the file has {stream.Length}.");
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            long dataStart = 8 + (long)headerLength;
            var (entries, names, metadata) = ParseHeader(path, header, stream.Length - dataStart);
            return new SafeTensorsFile(path, stream, dataStart, entries, names, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="tensors"/> (in order) and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <remarks>Tensors are copied to the CPU one at a time while writing; the enumeration may create them lazily.</remarks>
    public static void Save(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var header = BuildHeader(tensors, metadata);
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                stream.Write(prefix);
                stream.Write(header);
                foreach (var (_, tensor) in tensors)
                {
                    using var scope = NewDisposeScope();
                    var cpu = tensor.detach().cpu().contiguous();
                    stream.Write(cpu.bytes);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static byte[] BuildHeader(IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                if (name == MetadataKey || !seen.Add(name)) throw new ArgumentException($"Tensor name '{name}' is reserved or repeated.", nameof(tensors));
                long bytes = tensor.NumberOfElements * tensor.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypeName(tensor.dtype, name));
                json.WriteStartArray("shape");
                foreach (long d in tensor.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int length = (int)buffer.Length, padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static (Dictionary<string, Entry>, List<string>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var names = new List<string>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: its header is not JSON ({e.Message}).", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"'{path}' is not a safetensors file: its header is not a JSON object.");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    foreach (var item in property.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString() ?? "";
                    continue;
                }
                try
                {
                    var type = ScalarTypeOf(property.Value.GetProperty("dtype").GetString() ?? "");
                    var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                    var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                    long expected = shape.Aggregate(1L, (a, d) => a * d) * ElementSize(type);
                    if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != expected)
                        throw new InvalidDataException($"offsets [{string.Join(", ", offsets)}] do not fit its dtype and shape");
                    if (offsets[1] > dataLength)
                        throw new InvalidDataException($"its data ends at byte {offsets[1]} but the file holds {dataLength} data bytes (truncated)");
                    entries[property.Name] = new Entry(type, shape, offsets[0], offsets[1]);
                    names.Add(property.Name);
                }
                catch (Exception e) when (e is InvalidDataException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new InvalidDataException($"'{path}': tensor '{property.Name}': {e.Message}.", e);
                }
            }
        }
        return (entries, names, metadata);
    }

    private Entry Get(string name) =>
        _entries.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"'{Path}' has no tensor '{name}'.");

    private static string DTypeName(ScalarType type, string name) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"Tensor '{name}' has dtype {type}, which safetensors files here do not store."),
    };

    private static ScalarType ScalarTypeOf(string name) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new InvalidDataException($"unsupported dtype '{name}'"),
    };

    private static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    private sealed record Entry(ScalarType Type, long[] Shape, long Begin, long End);
}
