using System.Globalization;
using Microsoft.ML.Data;

namespace MLVideo.Data;

/// <summary>
/// Column type of decoded clips: each value is a <see cref="VideoClip"/>. The type carries the clip geometry when the pipeline
/// fixes it (0 for a dimension that varies per row), so <c>ExtractFramePixels</c> can declare a fixed-size vector
/// (V, T, C, H, W) before any data is read.
/// </summary>
public sealed class ClipDataViewType : StructuredDataViewType
{
    /// <summary>Creates a clip type; 0 for a dimension that varies per row.</summary>
    /// <param name="views">Views per row (temporal clips x spatial crops).</param>
    /// <param name="framesPerView">Frames per view (T).</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    public ClipDataViewType(int views, int framesPerView, int width = 0, int height = 0) : base(typeof(VideoClip))
    {
        if (views < 0 || framesPerView < 0 || width < 0 || height < 0)
            throw new ArgumentOutOfRangeException(nameof(views), $"Clip dimensions must be >= 0, got {views} views x {framesPerView} frames of {width}x{height}.");
        Views = views;
        FramesPerView = framesPerView;
        Width = width;
        Height = height;
    }

    /// <summary>Views per row (0: varies).</summary>
    public int Views { get; }

    /// <summary>Frames per view (0: varies).</summary>
    public int FramesPerView { get; }

    /// <summary>Frame width (0: varies).</summary>
    public int Width { get; }

    /// <summary>Frame height (0: varies).</summary>
    public int Height { get; }

    /// <summary>True when every dimension is fixed.</summary>
    public bool IsKnownSize => Views > 0 && FramesPerView > 0 && Width > 0 && Height > 0;

    /// <summary>The same type with another frame size.</summary>
    public ClipDataViewType WithSize(int width, int height) => new(Views, FramesPerView, width, height);

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) =>
        other is ClipDataViewType c && c.Views == Views && c.FramesPerView == FramesPerView && c.Width == Width && c.Height == Height;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Views, FramesPerView, Width, Height);

    /// <summary>"Clip" with its known dimensions, e.g. <c>Clip&lt;1 views, 8 frames, 112x112&gt;</c>.</summary>
    public override string ToString() => $"Clip<{Dim(Views)} views, {Dim(FramesPerView)} frames, {Dim(Width)}x{Dim(Height)}>";

    private static string Dim(int d) => d == 0 ? "?" : d.ToString(CultureInfo.InvariantCulture);
}
