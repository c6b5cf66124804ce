namespace MLVideo.Transforms.Decoding;

/// <summary>Where <see cref="VideoInfo.FrameCount"/> came from.</summary>
public enum FrameCountSource
{
    /// <summary>The container header (<c>nb_frames</c>). Usually exact; a few files decode fewer frames.</summary>
    Container,
    /// <summary>Counted video packets (fast, no decoding); used when the container states no count (Matroska/WebM).</summary>
    CountedPackets,
    /// <summary>Counted decoded frames (exact, decodes the whole stream).</summary>
    CountedFrames,
    /// <summary>Counted consecutive frame files in a frame folder.</summary>
    FrameFiles,
    /// <summary>Estimated from duration x frame rate (nothing better was available).</summary>
    Estimated,
}
