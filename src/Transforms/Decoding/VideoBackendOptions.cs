using MLVideo.Transforms.Decoding;

namespace MLVideo;

/// <summary>Where the ffmpeg tools are and how long they may run.</summary>
public sealed class VideoBackendOptions
{
    /// <summary>The ffmpeg program (name on PATH or full path). Default "ffmpeg".</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The ffprobe program (name on PATH or full path). Default "ffprobe".</summary>
    public string FfprobePath { get; init; } = "ffprobe";

    /// <summary>Longest time one ffprobe/ffmpeg call may run before it is killed. Default 120 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Decoder threads passed to ffmpeg (<c>-threads</c>); 0 lets ffmpeg choose. Default 0.</summary>
    public int DecoderThreads { get; init; }

    /// <summary>How frame folders are named. Default <c>img_{0:D5}.jpg</c> starting at 1 (mmaction2 rawframes).</summary>
    public FrameFolderOptions FrameFolder { get; init; } = new();

    /// <summary>When the container does not state a frame count, count decoded frames (exact, slow) instead of packets (fast). Default false.</summary>
    public bool CountDecodedFrames { get; init; }

    /// <summary>Shared default options.</summary>
    public static VideoBackendOptions Default { get; } = new();
}
