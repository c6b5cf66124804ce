using MLVideo.Transforms.Decoding;

using MLVideo.Transforms.Readers;

namespace MLVideo;

/// <summary>What happens when a video cannot be probed or decoded.</summary>
public enum BadVideoPolicy
{
    /// <summary>Throw <see cref="InvalidVideoException"/> naming the file (the default: a bad file never goes unnoticed).</summary>
    Throw,
    /// <summary>Drop the video, log a warning naming the file and the reason, and go on.</summary>
    SkipAndLog,
}
