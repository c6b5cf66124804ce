using MLVideo.Transforms.Decoding;

namespace MLVideo;

/// <summary>Why a video file could not be used.</summary>
public enum InvalidVideoReason
{
    /// <summary>The path does not exist.</summary>
    Missing,
    /// <summary>The path is a directory that holds no frame files matching the template.</summary>
    Directory,
    /// <summary>The file has zero bytes.</summary>
    Empty,
    /// <summary>ffprobe could not open the file as a media container (not a video, or damaged header).</summary>
    Unreadable,
    /// <summary>The container opened but holds no video stream (audio only, data only).</summary>
    NoVideoStream,
    /// <summary>Decoding failed or produced no frame (truncated or damaged data).</summary>
    DecodeFailed,
    /// <summary>ffprobe or ffmpeg did not finish within the configured timeout.</summary>
    Timeout,
    /// <summary>The video holds fewer frames than the sampling was told to require.</summary>
    TooFewFrames,
}
