using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.FrameOps;

/// <summary>A crop rectangle in frame pixels, optionally mirrored horizontally after cropping (ten-crop's flipped views).</summary>
public readonly record struct CropRegion(int X, int Y, int Width, int Height, bool Flip = false)
{
    /// <summary>Throws unless the region lies inside a frame of <paramref name="frame"/> size.</summary>
    public void EnsureInside(FrameSize frame)
    {
        if (Width <= 0 || Height <= 0 || X < 0 || Y < 0 || X + Width > frame.Width || Y + Height > frame.Height)
            throw new ArgumentOutOfRangeException(nameof(frame), $"Crop {Width}x{Height} at ({X},{Y}) does not fit in a {frame} frame.");
    }
}
