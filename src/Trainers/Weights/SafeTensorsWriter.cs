using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Writes the safetensors format (see <see cref="SafeTensorsReader"/>): tensors back to back in the given order,
/// the header padded with spaces to a multiple of 8 bytes so the data block stays aligned.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (any device; copied to the CPU) and <paramref name="metadata"/> to a new file.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    /// <summary>Writes a module's state dict (parameters and persistent buffers, in key order) to a new file.</summary>
    public static void WriteStateDict(string path, nn.Module module, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Write(path, module.state_dict(), metadata);
    }

    /// <summary>Writes a module's state dict to <paramref name="stream"/> (left open).</summary>
    public static void WriteStateDict(Stream stream, nn.Module module, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Write(stream, module.state_dict(), metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ArgumentException">A name repeats, or a tensor's element type has no safetensors code we write.</exception>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        using var scope = torch.NewDisposeScope();
        var items = new List<(string Name, string Code, Tensor Data)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__") throw new ArgumentException($"SafeTensorsWriter: '{name}' is not a valid tensor name.", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"SafeTensorsWriter: the name '{name}' appears twice.", nameof(tensors));
            if (SafeTensorsDType.FromType(tensor.dtype) is not var (code, _))
                throw new ArgumentException($"SafeTensorsWriter: tensor '{name}' has element type {tensor.dtype}; supported: {SafeTensorsDType.Supported}.", nameof(tensors));
            items.Add((name, code, tensor.detach().cpu().contiguous()));
        }

        var header = BuildHeader(items, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var item in items)
            if (item.Data.numel() > 0) stream.Write(item.Data.bytes);
    }

    private static byte[] BuildHeader(List<(string Name, string Code, Tensor Data)> items, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, code, data) in items)
            {
                long bytes = data.numel() * data.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", code);
                json.WriteStartArray("shape");
                foreach (long d in data.shape) json.WriteNumberValue(d);
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
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).CopyTo(header);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }
}
