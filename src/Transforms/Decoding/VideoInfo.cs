namespace MLVideo.Transforms.Decoding;

/// <summary>Facts about a video file or frame folder, from ffprobe (or from counting frame files).</summary>
public sealed record VideoInfo
{
    /// <summary>The file or folder path as given.</summary>
    public required string Path { get; init; }

    /// <summary>ffprobe's <c>format_name</c> (e.g. "mov,mp4,m4a,3gp,3g2,mj2"), or "frames" for a frame folder.</summary>
    public required string Container { get; init; }

    /// <summary>Codec of the video stream (h264, vp9, mjpeg, ...).</summary>
    public required string Codec { get; init; }

    /// <summary>Index of the video stream that is decoded (the first one that is not an attached picture).</summary>
    public int VideoStreamIndex { get; init; }

    /// <summary>Width stored in the stream header, before rotation.</summary>
    public int CodedWidth { get; init; }

    /// <summary>Height stored in the stream header, before rotation.</summary>
    public int CodedHeight { get; init; }

    /// <summary>Display rotation in degrees (display matrix or legacy rotate tag), 0 for none.</summary>
    public int Rotation { get; init; }

    /// <summary>Width of decoded frames after rotation (what ffmpeg outputs).</summary>
    public int Width => IsQuarterTurn ? CodedHeight : CodedWidth;

    /// <summary>Height of decoded frames after rotation (what ffmpeg outputs).</summary>
    public int Height => IsQuarterTurn ? CodedWidth : CodedHeight;

    /// <summary>Decoded frame size after rotation.</summary>
    public FrameSize Size => new(Width, Height);

    /// <summary>Frames per second (average frame rate, falling back to r_frame_rate).</summary>
    public double FrameRate { get; init; }

    /// <summary>Duration in seconds (stream duration, falling back to container duration); 0 when unknown.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Number of frames (see <see cref="FrameCountSource"/> for how it was obtained).</summary>
    public int FrameCount { get; init; }

    /// <summary>How <see cref="FrameCount"/> was obtained.</summary>
    public FrameCountSource FrameCountSource { get; init; }

    /// <summary>All streams of the container.</summary>
    public IReadOnlyList<MediaStreamInfo> Streams { get; init; } = [];

    /// <summary>True when the container holds at least one audio stream.</summary>
    public bool HasAudio => Streams.Any(s => s.CodecType == "audio");

    /// <summary>True for a frame folder (extracted jpg frames) rather than a video file.</summary>
    public bool IsFrameFolder { get; init; }

    /// <summary>For frame folders: frames to skip before frame 0 (mmaction2 list files "with offset"). 0 for files.</summary>
    public int FrameOffset { get; init; }

    private bool IsQuarterTurn => Math.Abs(Rotation) % 180 == 90;
}
