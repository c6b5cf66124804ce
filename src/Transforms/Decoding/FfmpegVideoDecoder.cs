namespace MLVideo.Transforms.Decoding;

/// <summary>Decodes video container files (mp4, avi, webm, mkv, mov, gif, ...) with the ffprobe and ffmpeg programs.</summary>
public sealed class FfmpegVideoDecoder : IVideoDecoder
{
    private readonly VideoBackendOptions _options;

    /// <summary>Creates a decoder using <paramref name="options"/> (default: programs on PATH, 120 s timeout).</summary>
    public FfmpegVideoDecoder(VideoBackendOptions? options = null) => _options = options ?? VideoBackendOptions.Default;

    /// <inheritdoc />
    public VideoInfo Probe(string path) => VideoProber.Probe(path, _options);

    /// <inheritdoc />
    public FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size = null) =>
        Decode(video, new FrameSelection(indices, video.Path), size);

    /// <inheritdoc />
    public FrameStack ReadAllFrames(VideoInfo video, FrameSize? size = null) => Decode(video, null, size);

    /// <summary>The exact ffmpeg arguments <see cref="ReadFrames"/> runs (for benchmarks and diagnostics).</summary>
    internal IReadOnlyList<string> DecodeArguments(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size)
    {
        FrameSize output = size ?? video.Size;
        return FfmpegFramePipe.BuildArguments(["-i", FfmpegProcess.FileArgument(video.Path)], video.VideoStreamIndex, output,
            output != video.Size, new FrameSelection(indices, video.Path), _options);
    }

    private FrameStack Decode(VideoInfo video, FrameSelection? selection, FrameSize? size)
    {
        VideoProber.ValidateFile(video.Path);
        FrameSize output = size?.Validate(nameof(size)) ?? video.Size;
        return FfmpegFramePipe.Decode(video.Path, ["-i", FfmpegProcess.FileArgument(video.Path)], video.VideoStreamIndex, output,
            scale: output != video.Size, selection, video.FrameCount, _options);
    }
}
