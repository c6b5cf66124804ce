using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Writes the safetensors format (see <see cref="SafeTensorsReader"/>): tensors back to back in the given order,
/// the header padded with spaces to a multiple of 8 bytes so the data block stays aligned. Tensors are copied to
/// the CPU one at a time while they are written, so a GPU model never needs a second full copy in host memory.
/// Writing to a path is atomic: the content goes to a temporary file beside the target, is flushed to disk and then
/// renamed over the target, so a failed or killed write leaves the previous file as it was and no temporary behind.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (any device) and <paramref name="metadata"/> to <paramref name="path"/>
    /// atomically, replacing any file there; the folder is created if needed.
    /// </summary>
    /// <exception cref="ArgumentException">A name repeats, or a tensor's element type has no safetensors code we write.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        string target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Same folder as the target, so the rename stays within one file system and replaces the target in one step.
        string temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            DeleteIfPresent(temporary);
        }
    }

    /// <summary>Writes a module's state dict (parameters and persistent buffers, in key order) to <paramref name="path"/>, atomically.</summary>
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

    /// <summary>Writes <paramref name="tensors"/> (any device) and <paramref name="metadata"/> to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ArgumentException">A name repeats, or a tensor's element type has no safetensors code we write.</exception>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<(string Name, string Code, int Size, Tensor Tensor)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == SafeTensorsHeader.MetadataKey) throw new ArgumentException($"SafeTensorsWriter: '{name}' is not a valid tensor name.", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"SafeTensorsWriter: the name '{name}' appears twice.", nameof(tensors));
            if (SafeTensorsDType.FromType(tensor.dtype) is not var (code, size))
                throw new ArgumentException($"SafeTensorsWriter: tensor '{name}' has element type {tensor.dtype}; supported: {SafeTensorsDType.Supported}.", nameof(tensors));
            items.Add((name, code, size, tensor));
        }

        var header = BuildHeader(items, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var item in items)
        {
            if (item.Tensor.numel() == 0) continue;
            using var scope = torch.NewDisposeScope();
            stream.Write(item.Tensor.detach().cpu().contiguous().bytes);
        }
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: an exception from the write itself matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static byte[] BuildHeader(List<(string Name, string Code, int Size, Tensor Tensor)> items, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, code, size, tensor) in items)
            {
                long bytes = tensor.numel() * size;
                json.WriteStartObject(name);
                json.WriteString("dtype", code);
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
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).CopyTo(header);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }
}
