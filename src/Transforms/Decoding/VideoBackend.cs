using MLVideo.Transforms.Decoding;

namespace MLVideo;

/// <summary>
/// The video backend: probes and decodes video files with ffmpeg and frame folders with the same interface,
/// choosing by what the path is.
/// </summary>
public sealed class VideoBackend : IVideoDecoder
{
    private readonly FfmpegVideoDecoder _files;
    private readonly FrameFolderDecoder _folders;

    /// <summary>Creates the backend with <paramref name="options"/> (defaults when null).</summary>
    public VideoBackend(VideoBackendOptions? options = null)
    {
        Options = options ?? VideoBackendOptions.Default;
        _files = new FfmpegVideoDecoder(Options);
        _folders = new FrameFolderDecoder(Options);
    }

    /// <summary>The options in use.</summary>
    public VideoBackendOptions Options { get; }

    /// <summary>Probes a video file, or a frame folder when <paramref name="path"/> is a directory.</summary>
    public VideoInfo Probe(string path) => Directory.Exists(path) ? _folders.Probe(path) : _files.Probe(path);

    /// <summary>Probes a frame folder listed with an offset and a frame count (mmaction2 rawframe lists).</summary>
    public VideoInfo ProbeFrameFolder(string path, int offset, int? frameCount) => _folders.Probe(path, offset, frameCount);

    /// <inheritdoc />
    public FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size = null) =>
        video.IsFrameFolder ? _folders.ReadFrames(video, indices, size) : _files.ReadFrames(video, indices, size);

    /// <inheritdoc />
    public FrameStack ReadAllFrames(VideoInfo video, FrameSize? size = null) =>
        video.IsFrameFolder ? _folders.ReadAllFrames(video, size) : _files.ReadAllFrames(video, size);
}
