using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.FrameOps;

/// <summary>Turns RGB24 frames into a normalised float tensor buffer.</summary>
public static class FramePixels
{
    /// <summary>
    /// Writes <paramref name="frames"/> (views x framesPerView frames, view-major) as floats of shape
    /// (views, T, C, H, W) or (views, C, T, H, W), normalised with <paramref name="normalization"/>.
    /// </summary>
    /// <returns>The values and their shape.</returns>
    public static (float[] Values, int[] Shape) Extract(FrameStack frames, int framesPerView, PixelLayout layout, FrameNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var values = new float[checked(frames.Count * 3 * frames.Width * frames.Height)];
        int[] shape = ExtractInto(frames, framesPerView, layout, normalization, values);
        return (values, shape);
    }

    /// <summary>
    /// The same as <see cref="Extract"/>, writing into <paramref name="destination"/> (exactly frames x 3 x H x W floats), so a
    /// caller can reuse one buffer from row to row.
    /// </summary>
    /// <returns>The shape written: (views, T, C, H, W) or (views, C, T, H, W).</returns>
    public static unsafe int[] ExtractInto(FrameStack frames, int framesPerView, PixelLayout layout, FrameNormalization normalization, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(normalization);
        if (framesPerView <= 0 || frames.Count % framesPerView != 0)
            throw new ArgumentException($"ExtractFramePixels: {frames.Count} frames do not split into views of {framesPerView} frames.", nameof(framesPerView));
        int views = frames.Count / framesPerView, h = frames.Height, w = frames.Width, plane = h * w;
        if (destination.Length != (long)frames.Count * 3 * plane)
            throw new ArgumentException($"ExtractFramePixels: {frames.Count} frames of {frames.Size} need {(long)frames.Count * 3 * plane} floats, the buffer holds {destination.Length}.",
                nameof(destination));
        int[] shape = layout == PixelLayout.TCHW ? [views, framesPerView, 3, h, w] : [views, 3, framesPerView, h, w];
        // Per channel: (p - mean) / std == p * scale + shift, hoisted out of the pixel loop.
        float s0 = 1f / normalization.Std[0], s1 = 1f / normalization.Std[1], s2 = 1f / normalization.Std[2];
        float b0 = -normalization.Mean[0] / normalization.Std[0], b1 = -normalization.Mean[1] / normalization.Std[1], b2 = -normalization.Mean[2] / normalization.Std[2];
        int channelStride = layout == PixelLayout.TCHW ? plane : framesPerView * plane;
        fixed (float* start = destination)
        {
            // A span cannot be captured by the parallel body; the pinned address can, and every frame writes its own planes.
            nint output = (nint)start;
            Parallel.For(0, frames.Count, f =>
            {
                int v = f / framesPerView, t = f % framesPerView;
                ReadOnlySpan<byte> src = frames.Frame(f);
                int c0 = layout == PixelLayout.TCHW ? (v * framesPerView + t) * 3 * plane : (v * 3 * framesPerView + t) * plane;
                float* r = (float*)output + c0, g = r + channelStride, b = g + channelStride;
                for (int i = 0; i < plane; i++)
                {
                    r[i] = src[3 * i] * s0 + b0;
                    g[i] = src[3 * i + 1] * s1 + b1;
                    b[i] = src[3 * i + 2] * s2 + b2;
                }
            });
        }
        return shape;
    }
}
