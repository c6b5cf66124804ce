using MLVideo.Transforms.Decoding;

using MLVideo.Transforms.Readers;

namespace MLVideo;

/// <summary>The result of checking one video with <see cref="VideoChecker"/>.</summary>
public sealed record VideoCheckReport
{
    /// <summary>The file or frame folder checked.</summary>
    public required string Path { get; init; }

    /// <summary>True when it could be probed (container opens and holds a video stream).</summary>
    public bool Opens { get; init; }

    /// <summary>Frame count (0 when it does not open).</summary>
    public int FrameCount { get; init; }

    /// <summary>Frames per second (0 when it does not open).</summary>
    public double FrameRate { get; init; }

    /// <summary>Decoded frame width after rotation (0 when it does not open).</summary>
    public int Width { get; init; }

    /// <summary>Decoded frame height after rotation (0 when it does not open).</summary>
    public int Height { get; init; }

    /// <summary>True when the sampled frames decoded.</summary>
    public bool DecodesSampledFrames { get; init; }

    /// <summary>Why it failed, or null when it is usable.</summary>
    public InvalidVideoReason? Reason { get; init; }

    /// <summary>The error message (names the file), or null when it is usable.</summary>
    public string? Error { get; init; }

    /// <summary>True when the video opened and its sampled frames decoded.</summary>
    public bool IsUsable => Opens && DecodesSampledFrames;
}
