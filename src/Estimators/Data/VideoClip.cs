using MLVideo.Transforms.Decoding;

namespace MLVideo.Data;

/// <summary>
/// The value of a clip column: decoded RGB24 frames of one video, arranged as <see cref="Views"/> views of
/// <see cref="FramesPerView"/> frames (view-major). Several temporal clips and several crops (multi-clip x multi-crop test
/// views) live in one row. Values are never modified in place: every frame op makes a new clip.
/// </summary>
public sealed class VideoClip
{
    /// <summary>Creates a clip; <paramref name="frames"/> must hold a whole number of views of <paramref name="framesPerView"/> frames.</summary>
    public VideoClip(VideoInfo source, FrameStack frames, int framesPerView)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(frames);
        if (framesPerView <= 0 || frames.Count == 0 || frames.Count % framesPerView != 0)
            throw new ArgumentException($"Clip of '{source.Path}': {frames.Count} frames do not split into views of {framesPerView}.", nameof(framesPerView));
        Source = source;
        Frames = frames;
        FramesPerView = framesPerView;
    }

    /// <summary>The video the frames come from.</summary>
    public VideoInfo Source { get; }

    /// <summary>The frames, view-major.</summary>
    public FrameStack Frames { get; }

    /// <summary>Frames per view (T).</summary>
    public int FramesPerView { get; }

    /// <summary>Number of views (temporal clips x spatial crops).</summary>
    public int Views => Frames.Count / FramesPerView;

    /// <summary>A clip of the same video with new frames and the same frames per view.</summary>
    public VideoClip With(FrameStack frames) => new(Source, frames, FramesPerView);
}
