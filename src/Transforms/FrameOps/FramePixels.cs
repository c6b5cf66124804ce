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
        ArgumentNullException.ThrowIfNull(normalization);
        if (framesPerView <= 0 || frames.Count % framesPerView != 0)
            throw new ArgumentException($"ExtractFramePixels: {frames.Count} frames do not split into views of {framesPerView} frames.", nameof(framesPerView));
        int views = frames.Count / framesPerView, h = frames.Height, w = frames.Width, plane = h * w;
        int[] shape = layout == PixelLayout.TCHW ? [views, framesPerView, 3, h, w] : [views, 3, framesPerView, h, w];
        var values = new float[checked(frames.Count * 3 * plane)];
        // Per channel: (p - mean) / std == p * scale + shift, hoisted out of the pixel loop.
        Span<float> scale = stackalloc float[3], shift = stackalloc float[3];
        for (int c = 0; c < 3; c++)
        {
            scale[c] = 1f / normalization.Std[c];
            shift[c] = -normalization.Mean[c] / normalization.Std[c];
        }
        float s0 = scale[0], s1 = scale[1], s2 = scale[2], b0 = shift[0], b1 = shift[1], b2 = shift[2];
        Parallel.For(0, frames.Count, f =>
        {
            int v = f / framesPerView, t = f % framesPerView;
            ReadOnlySpan<byte> src = frames.Frame(f);
            // Offset of channel c plane for this frame.
            int c0 = layout == PixelLayout.TCHW
                ? ((v * framesPerView + t) * 3) * plane
                : ((v * 3) * framesPerView + t) * plane;
            int channelStride = layout == PixelLayout.TCHW ? plane : framesPerView * plane;
            Span<float> r = values.AsSpan(c0, plane), g = values.AsSpan(c0 + channelStride, plane), b = values.AsSpan(c0 + 2 * channelStride, plane);
            for (int i = 0; i < plane; i++)
            {
                r[i] = src[3 * i] * s0 + b0;
                g[i] = src[3 * i + 1] * s1 + b1;
                b[i] = src[3 * i + 2] * s2 + b2;
            }
        });
        return (values, shape);
    }
}
