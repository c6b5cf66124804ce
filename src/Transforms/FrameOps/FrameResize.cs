using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.FrameOps;

/// <summary>Bilinear resizing of RGB24 frame stacks (half-pixel centres, no antialiasing: the OpenCV/PyTorch <c>align_corners=False</c> convention).</summary>
public static class FrameResize
{
    /// <summary>Resizes every frame to <paramref name="size"/>; returns <paramref name="frames"/> itself when the size already matches.</summary>
    public static FrameStack Bilinear(FrameStack frames, FrameSize size)
    {
        ArgumentNullException.ThrowIfNull(frames);
        size.Validate(nameof(size));
        if (frames.Size == size) return frames;
        var map = new AxisMap(frames.Width, size.Width);
        var rows = new AxisMap(frames.Height, size.Height);
        var result = FrameStack.Allocate(size.Width, size.Height, frames.Count, frames.SourceIndices);
        // One frame per work item: frames are independent and large enough to amortise scheduling.
        Parallel.For(0, frames.Count, f => ResizeFrame(frames.Frame(f), frames.Width, result.Frame(f), size.Width, size.Height, map, rows));
        return result;
    }

    /// <summary>Resizes so the short side is <paramref name="shortSide"/>, keeping the aspect ratio.</summary>
    public static FrameStack ShortSide(FrameStack frames, int shortSide) => Bilinear(frames, frames.Size.WithShortSide(shortSide));

    private static void ResizeFrame(ReadOnlySpan<byte> src, int srcWidth, Span<byte> dst, int width, int height, AxisMap cols, AxisMap rows)
    {
        int srcStride = srcWidth * 3;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> top = src.Slice(rows.Lo[y] * srcStride, srcStride);
            ReadOnlySpan<byte> bottom = src.Slice(rows.Hi[y] * srcStride, srcStride);
            float wy = rows.Weight[y];
            Span<byte> line = dst.Slice(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                int a = cols.Lo[x] * 3, b = cols.Hi[x] * 3;
                float wx = cols.Weight[x];
                for (int c = 0; c < 3; c++)
                {
                    float t = top[a + c] + (top[b + c] - top[a + c]) * wx;
                    float u = bottom[a + c] + (bottom[b + c] - bottom[a + c]) * wx;
                    line[x * 3 + c] = (byte)(t + (u - t) * wy + 0.5f);
                }
            }
        }
    }

    /// <summary>Precomputed source neighbours and weights for every output coordinate along one axis.</summary>
    private sealed class AxisMap
    {
        public readonly int[] Lo, Hi;
        public readonly float[] Weight;

        public AxisMap(int source, int target)
        {
            Lo = new int[target];
            Hi = new int[target];
            Weight = new float[target];
            double scale = (double)source / target;
            for (int i = 0; i < target; i++)
            {
                double s = Math.Clamp((i + 0.5) * scale - 0.5, 0, source - 1);
                int lo = (int)s;
                Lo[i] = lo;
                Hi[i] = Math.Min(lo + 1, source - 1);
                Weight[i] = (float)(s - lo);
            }
        }
    }
}
