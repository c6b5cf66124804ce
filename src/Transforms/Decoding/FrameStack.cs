namespace MLVideo.Transforms.Decoding;

/// <summary>
/// Equal-sized RGB24 frames stored frame-major, each frame row-major with interleaved R, G, B bytes (H, W, 3).
/// This is the raw form every frame op works on before pixels become a float tensor.
/// </summary>
public sealed class FrameStack
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied) holding <paramref name="count"/> frames of the given size.</summary>
    public FrameStack(byte[] pixels, int width, int height, int count, IReadOnlyList<int>? sourceIndices = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0 || count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"FrameStack: invalid size {width}x{height} x {count} frames.");
        if ((long)width * height * 3 * count > pixels.Length)
            throw new ArgumentException($"FrameStack: {pixels.Length} bytes cannot hold {count} frames of {width}x{height} RGB24.", nameof(pixels));
        if (sourceIndices is not null && sourceIndices.Count != count)
            throw new ArgumentException($"FrameStack: {sourceIndices.Count} source indices for {count} frames.", nameof(sourceIndices));
        Pixels = pixels;
        Width = width;
        Height = height;
        Count = count;
        SourceIndices = sourceIndices ?? Enumerable.Range(0, count).ToArray();
    }

    /// <summary>Creates zeroed storage for <paramref name="count"/> frames.</summary>
    public static FrameStack Allocate(int width, int height, int count, IReadOnlyList<int>? sourceIndices = null) =>
        new(new byte[checked(width * height * 3 * count)], width, height, count, sourceIndices);

    /// <summary>The pixel bytes (may be longer than needed; only the first <see cref="Count"/> x <see cref="FrameBytes"/> are frames).</summary>
    public byte[] Pixels { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of frames.</summary>
    public int Count { get; }

    /// <summary>Frame size.</summary>
    public FrameSize Size => new(Width, Height);

    /// <summary>Bytes per frame (W x H x 3).</summary>
    public int FrameBytes => Width * Height * 3;

    /// <summary>For each frame, the 0-based index of the source frame it was decoded from.</summary>
    public IReadOnlyList<int> SourceIndices { get; }

    /// <summary>The bytes of frame <paramref name="i"/>.</summary>
    public Span<byte> Frame(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), $"Frame {i} of a stack of {Count}.");
        return Pixels.AsSpan(i * FrameBytes, FrameBytes);
    }

    /// <summary>A new stack with the frames at <paramref name="positions"/> (positions into this stack; repeats allowed).</summary>
    public FrameStack Select(IReadOnlyList<int> positions)
    {
        var result = Allocate(Width, Height, positions.Count, positions.Select(p => SourceIndices[p]).ToArray());
        for (int i = 0; i < positions.Count; i++) Frame(positions[i]).CopyTo(result.Frame(i));
        return result;
    }
}
