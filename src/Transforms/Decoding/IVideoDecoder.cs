namespace MLVideo.Transforms.Decoding;

/// <summary>Probes and decodes one kind of video source (a container file, a frame folder).</summary>
public interface IVideoDecoder
{
    /// <summary>Reads the facts of <paramref name="path"/>; throws <see cref="InvalidVideoException"/> naming the file when it is not a usable video.</summary>
    VideoInfo Probe(string path);

    /// <summary>
    /// Decodes the frames at the 0-based <paramref name="indices"/> (any order, repeats allowed) in that order,
    /// resized to <paramref name="size"/> when given (bilinear, inside the decoder).
    /// </summary>
    FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size = null);

    /// <summary>Decodes every frame once (no duplication or dropping), resized to <paramref name="size"/> when given.</summary>
    FrameStack ReadAllFrames(VideoInfo video, FrameSize? size = null);
}
