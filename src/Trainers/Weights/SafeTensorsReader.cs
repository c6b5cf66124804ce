using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length n, n bytes of UTF-8 JSON (tensor name ->
/// dtype, shape, data offsets; <c>__metadata__</c> -> string dictionary), then the tensors' raw little-endian bytes.
/// Every record is checked against the data block, so a truncated or corrupted file fails with the fault named.
/// <see cref="Open"/> reads only the header and leaves the tensors on disk until asked for (checkpoints, large
/// weight files); <see cref="Read(Stream, string)"/> takes the whole content into memory (streams inside a model zip).
/// </summary>
public static class SafeTensorsReader
{
    private const int LengthPrefixBytes = 8;

    /// <summary>
    /// Opens the file at <paramref name="path"/> and reads its header only; tensors are read on demand by
    /// <see cref="SafeTensorsFile.ToTensor"/>. The file stays open (readable by others) until the result is disposed.
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors (too short, header too large or not JSON, truncated, a tensor out of range).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafeTensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long fileLength = RandomAccess.GetLength(handle);
            Span<byte> lengthBytes = stackalloc byte[LengthPrefixBytes];
            if (ReadFully(handle, lengthBytes, 0) < LengthPrefixBytes)
                throw SafeTensorsHeader.Fault(path, $"{fileLength} bytes, shorter than the 8-byte header length");
            long headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes), path);
            if (headerLength > fileLength - LengthPrefixBytes)
                throw SafeTensorsHeader.Fault(path, $"truncated inside the {headerLength}-byte header (the file has {fileLength} bytes)");
            var header = new byte[headerLength];
            ReadFully(handle, header, LengthPrefixBytes);
            long dataStart = LengthPrefixBytes + headerLength;
            var (metadata, entries) = SafeTensorsHeader.Parse(header, fileLength - dataStart, path);
            return SafeTensorsFile.OnDisk(path, metadata, entries, handle, dataStart);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole file at <paramref name="path"/> into memory (nothing stays open).</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a safetensors stream to its end into memory; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="SafeTensorsFormatException">The content is not valid safetensors.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        Span<byte> lengthBytes = stackalloc byte[LengthPrefixBytes];
        if (ReadFully(stream, lengthBytes) < LengthPrefixBytes) throw SafeTensorsHeader.Fault(sourceName, "shorter than the 8-byte header length");
        long headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes), sourceName);
        var header = new byte[headerLength];
        if (ReadFully(stream, header) < header.Length) throw SafeTensorsHeader.Fault(sourceName, $"truncated inside the {headerLength}-byte header");

        using var data = new MemoryStream();
        stream.CopyTo(data);
        if (data.Length > int.MaxValue) throw SafeTensorsHeader.Fault(sourceName, "data block larger than 2 GB; open the file instead of reading it into memory");
        var bytes = data.GetBuffer().AsSpan(0, (int)data.Length).ToArray();

        var (metadata, entries) = SafeTensorsHeader.Parse(header, bytes.LongLength, sourceName);
        return SafeTensorsFile.InMemory(sourceName, metadata, entries, bytes);
    }

    private static long CheckHeaderLength(ulong headerLength, string sourceName)
    {
        if (headerLength == 0 || headerLength > SafeTensorsHeader.MaxBytes)
            throw SafeTensorsHeader.Fault(sourceName, $"header length {headerLength} is not between 1 and {SafeTensorsHeader.MaxBytes} bytes (header too large, or not a safetensors file)");
        return (long)headerLength;
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

    /// <summary>Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
