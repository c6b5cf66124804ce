using MLVideo.Transforms.Decoding;

namespace MLVideo;

/// <summary>A video file (or frame folder) that cannot be probed or decoded. The message always names the file.</summary>
public sealed class InvalidVideoException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public InvalidVideoException(string path, InvalidVideoReason reason, string detail, Exception? inner = null)
        : base($"Video '{path}': {Describe(reason)}{(string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail.Trim())}", inner)
    {
        FilePath = path;
        Reason = reason;
    }

    /// <summary>The file or folder that failed.</summary>
    public string FilePath { get; }

    /// <summary>The kind of failure.</summary>
    public InvalidVideoReason Reason { get; }

    private static string Describe(InvalidVideoReason reason) => reason switch
    {
        InvalidVideoReason.Missing => "file not found",
        InvalidVideoReason.Directory => "is a directory without frame files",
        InvalidVideoReason.Empty => "file is empty (0 bytes)",
        InvalidVideoReason.Unreadable => "not a readable media file",
        InvalidVideoReason.NoVideoStream => "contains no video stream",
        InvalidVideoReason.DecodeFailed => "decoding failed",
        InvalidVideoReason.Timeout => "timed out",
        InvalidVideoReason.TooFewFrames => "has too few frames",
        _ => reason.ToString(),
    };
}
