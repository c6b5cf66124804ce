namespace MLVideo.Transforms;

/// <summary>
/// The value of a clip column: decoded frames of one video arranged as <see cref="Views"/> views of <see cref="FramesPerView"/>
/// frames (view-major). Several temporal clips and several crops (multi-clip x multi-crop test views) live in one row.
/// </summary>
public sealed class VideoClip
{
    /// <summary>Creates a clip; <paramref name="frames"/> must hold exactly views x framesPerView frames.</summary>
    public VideoClip(VideoInfo source, FrameStack frames, int framesPerView)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(frames);
        if (framesPerView <= 0 || frames.Count % framesPerView != 0)
            throw new ArgumentException($"Clip of '{source.Path}': {frames.Count} frames do not split into views of {framesPerView}.", nameof(framesPerView));
        Source = source;
        Frames = frames;
        FramesPerView = framesPerView;
    }

    /// <summary>The video the frames come from.</summary>
    public VideoInfo Source { get; }

    /// <summary>The frames (RGB24), view-major.</summary>
    public FrameStack Frames { get; }

    /// <summary>Frames per view (T).</summary>
    public int FramesPerView { get; }

    /// <summary>Number of views (temporal clips x spatial crops).</summary>
    public int Views => Frames.Count / FramesPerView;

    /// <summary>A clip of the same video with new frames (same frames per view).</summary>
    public VideoClip With(FrameStack frames) => new(Source, frames, FramesPerView);
}
