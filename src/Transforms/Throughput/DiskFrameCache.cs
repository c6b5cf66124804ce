using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Throughput;

/// <summary>
/// Keeps decoded frames as raw files in a folder (one file per key: header + RGB24 bytes), so later epochs and later runs
/// read pixels instead of decoding. Files are written to a temporary name and renamed, so a crash never leaves a torn entry.
/// </summary>
public sealed class DiskFrameCache : IFrameCache
{
    private const int Magic = 0x46564C4D; // "MLVF"
    private const int Version = 1;

    /// <summary>Creates (if needed) and uses <paramref name="folder"/>.</summary>
    public DiskFrameCache(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public bool TryGet(string key, out FrameStack? frames)
    {
        frames = null;
        string path = PathOf(key);
        if (!File.Exists(path)) return false;
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[20];
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadInt32LittleEndian(header) != Magic || BinaryPrimitives.ReadInt32LittleEndian(header[4..]) != Version) return false;
            int width = BinaryPrimitives.ReadInt32LittleEndian(header[8..]), height = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            int count = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
            var indexBytes = new byte[count * 4];
            stream.ReadExactly(indexBytes);
            var indices = new int[count];
            for (int i = 0; i < count; i++) indices[i] = BinaryPrimitives.ReadInt32LittleEndian(indexBytes.AsSpan(i * 4));
            var pixels = new byte[checked(width * height * 3 * count)];
            stream.ReadExactly(pixels);
            frames = new FrameStack(pixels, width, height, count, indices);
            return true;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ArgumentException or OverflowException)
        {
            return false; // unreadable entry: treated as a miss and rewritten
        }
    }

    /// <inheritdoc />
    public void Set(string key, FrameStack frames)
    {
        string path = PathOf(key);
        string temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = File.Create(temp))
        {
            Span<byte> header = stackalloc byte[20];
            BinaryPrimitives.WriteInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], Version);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], frames.Width);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], frames.Height);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], frames.Count);
            stream.Write(header);
            var indexBytes = new byte[frames.Count * 4];
            for (int i = 0; i < frames.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(indexBytes.AsSpan(i * 4), frames.SourceIndices[i]);
            stream.Write(indexBytes);
            stream.Write(frames.Pixels, 0, frames.Count * frames.FrameBytes);
        }
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string key) =>
        Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".frames");
}
