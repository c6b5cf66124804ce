using System.Collections.Concurrent;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Throughput;

/// <summary>
/// Keeps decoded frames in memory up to a byte budget. When full, new videos are not added (rather than evicting):
/// with epochs visiting every video, eviction would thrash and decode everything anyway, while "first come stays" keeps
/// a fixed share of the dataset decode-free.
/// </summary>
public sealed class MemoryFrameCache : IFrameCache
{
    private readonly ConcurrentDictionary<string, FrameStack> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Creates a cache holding at most <paramref name="maxBytes"/> bytes of pixels (default 2 GiB).</summary>
    public MemoryFrameCache(long maxBytes = 2L << 30)
    {
        if (maxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), "The cache budget must be positive.");
        MaxBytes = maxBytes;
    }

    /// <summary>The byte budget.</summary>
    public long MaxBytes { get; }

    /// <summary>Bytes currently held.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Number of videos held.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool TryGet(string key, out FrameStack? frames) => _entries.TryGetValue(key, out frames);

    /// <inheritdoc />
    public void Set(string key, FrameStack frames)
    {
        long size = (long)frames.Count * frames.FrameBytes;
        if (Interlocked.Add(ref _bytes, size) > MaxBytes || !_entries.TryAdd(key, frames))
            Interlocked.Add(ref _bytes, -size);
    }
}
