using System.Globalization;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Throughput;

/// <summary>
/// Decodes each video once, in full, at training resolution and keeps it in an <see cref="IFrameCache"/>; every later request
/// (any frame indices, any epoch) is served from the cache, so epoch 2 decodes nothing.
/// </summary>
public sealed class CachedVideoDecoder
{
    private readonly IVideoDecoder _decoder;
    private readonly IFrameCache _cache;
    private readonly int _shortSide;

    /// <summary>Caches frames of <paramref name="decoder"/> in <paramref name="cache"/> resized so their short side is <paramref name="shortSide"/> (0: native size).</summary>
    public CachedVideoDecoder(IVideoDecoder decoder, IFrameCache cache, int shortSide)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(cache);
        if (shortSide < 0) throw new ArgumentOutOfRangeException(nameof(shortSide), "Short side must be >= 0.");
        _decoder = decoder;
        _cache = cache;
        _shortSide = shortSide;
    }

    /// <summary>Videos decoded so far (cache misses).</summary>
    public int Misses => Volatile.Read(ref _misses);

    private int _misses;

    /// <summary>The frames at <paramref name="indices"/> (repeats allowed; indices past the decoded end take the last frame).</summary>
    public FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices)
    {
        FrameSize size = _shortSide > 0 ? video.Size.WithShortSide(_shortSide) : video.Size;
        string key = KeyFor(video, size);
        if (!_cache.TryGet(key, out FrameStack? all) || all is null)
        {
            Interlocked.Increment(ref _misses);
            all = _decoder.ReadAllFrames(video, size);
            _cache.Set(key, all);
        }
        var positions = new int[indices.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            if (indices[i] < 0) throw new ArgumentOutOfRangeException(nameof(indices), $"Video '{video.Path}': frame index {indices[i]} is negative.");
            positions[i] = Math.Min(indices[i], all.Count - 1);
        }
        return all.Select(positions);
    }

    /// <summary>The cache key: the file's identity (full path, length, modification time, frame-folder offset) and the frame size.</summary>
    public static string KeyFor(VideoInfo video, FrameSize size)
    {
        string full = Path.GetFullPath(video.Path);
        var file = new FileInfo(full);
        string stamp = file.Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}")
            : string.Create(CultureInfo.InvariantCulture, $"dir:{Directory.GetLastWriteTimeUtc(full).Ticks}:{video.FrameCount}");
        return string.Create(CultureInfo.InvariantCulture, $"{full}|{stamp}|{video.FrameOffset}|{size.Width}x{size.Height}");
    }
}
