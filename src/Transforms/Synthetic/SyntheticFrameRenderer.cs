namespace MLVideo.Transforms.Synthetic;

/// <summary>
/// Renders the RGB24 frames of one synthetic action clip: a random background colour with a
/// gradient and per-pixel noise, and a coloured object whose motion defines the class.
/// </summary>
/// <remarks>
/// The trajectory is chosen so that the distribution of single frames is the same for the two
/// classes of a pair (a random window of a symmetric path), which is what makes temporal modelling
/// necessary: any per-frame model sees the same images for "left" and "right".
/// </remarks>
public static class SyntheticFrameRenderer
{
    /// <summary>Renders <paramref name="frames"/> frames of <paramref name="width"/> x <paramref name="height"/> RGB24 into one buffer (frame-major).</summary>
    public static byte[] Render(SyntheticAction action, int frames, int width, int height, Random random, float noise = 12f)
    {
        if (frames < 2) throw new ArgumentOutOfRangeException(nameof(frames), frames, "A clip needs at least 2 frames.");
        if (width < 16 || height < 16) throw new ArgumentOutOfRangeException(nameof(width), "Frames must be at least 16x16.");
        var pixels = new byte[frames * width * height * 3];
        var background = RandomColor(random);
        var gradient = RandomColor(random);
        var color = ContrastingColor(background, random);
        float size = Math.Min(width, height) * (0.18f + 0.08f * random.NextSingle());
        float travel = 0.5f + 0.2f * random.NextSingle(); // fraction of the frame crossed during the clip
        float phase = random.NextSingle();
        float cx0 = width * (0.3f + 0.4f * random.NextSingle());
        float cy0 = height * (0.3f + 0.4f * random.NextSingle());
        float angle0 = (float)(random.NextDouble() * 2 * Math.PI);
        float spin = (float)(Math.PI * (0.6 + 0.4 * random.NextDouble()));

        for (int f = 0; f < frames; f++)
        {
            float u = f / (float)(frames - 1);              // 0 -> 1 along the clip
            float s = (u - 0.5f) * travel;                  // symmetric around 0
            Span<byte> frame = pixels.AsSpan(f * width * height * 3, width * height * 3);
            PaintBackground(frame, width, height, background, gradient, noise, random);
            switch (action)
            {
                case SyntheticAction.MoveLeft or SyntheticAction.MoveRight:
                {
                    float dir = action == SyntheticAction.MoveRight ? 1 : -1;
                    float cx = width * 0.5f + dir * s * (width - size) + (phase - 0.5f) * 0.1f * width;
                    FillDisc(frame, width, height, cx, cy0, size * 0.5f, color);
                    break;
                }
                case SyntheticAction.MoveUp or SyntheticAction.MoveDown:
                {
                    float dir = action == SyntheticAction.MoveDown ? 1 : -1;
                    float cy = height * 0.5f + dir * s * (height - size) + (phase - 0.5f) * 0.1f * height;
                    FillDisc(frame, width, height, cx0, cy, size * 0.5f, color);
                    break;
                }
                case SyntheticAction.RotateClockwise or SyntheticAction.RotateCounterClockwise:
                {
                    float dir = action == SyntheticAction.RotateClockwise ? 1 : -1;
                    float a = angle0 + dir * (u - 0.5f) * spin;
                    FillBar(frame, width, height, width * 0.5f, height * 0.5f, Math.Min(width, height) * 0.38f, size * 0.35f, a, color);
                    break;
                }
                case SyntheticAction.Grow or SyntheticAction.Shrink:
                {
                    float dir = action == SyntheticAction.Grow ? 1 : -1;
                    float r = size * (1f + dir * s * 1.6f) * 0.7f;
                    FillDisc(frame, width, height, cx0, cy0, Math.Max(2f, r), color);
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown synthetic action.");
            }
        }
        return pixels;
    }

    private static (byte R, byte G, byte B) RandomColor(Random random) =>
        ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static (byte R, byte G, byte B) ContrastingColor((byte R, byte G, byte B) background, Random random)
    {
        // Keep the object clearly visible: push each channel far from the background's.
        byte Far(byte b) => (byte)(b < 128 ? 170 + random.Next(86) : random.Next(86));
        return (Far(background.R), Far(background.G), Far(background.B));
    }

    private static void PaintBackground(Span<byte> frame, int width, int height, (byte R, byte G, byte B) a, (byte R, byte G, byte B) b, float noise, Random random)
    {
        for (int y = 0; y < height; y++)
        {
            float t = y / (float)(height - 1) * 0.5f;
            float r = a.R + (b.R - a.R) * t, g = a.G + (b.G - a.G) * t, bl = a.B + (b.B - a.B) * t;
            Span<byte> row = frame.Slice(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                float n = (random.NextSingle() - 0.5f) * 2f * noise;
                row[3 * x] = Clamp(r + n);
                row[3 * x + 1] = Clamp(g + n);
                row[3 * x + 2] = Clamp(bl + n);
            }
        }
    }

    private static void FillDisc(Span<byte> frame, int width, int height, float cx, float cy, float radius, (byte R, byte G, byte B) c)
    {
        int y0 = Math.Max(0, (int)(cy - radius)), y1 = Math.Min(height - 1, (int)(cy + radius) + 1);
        int x0 = Math.Max(0, (int)(cx - radius)), x1 = Math.Min(width - 1, (int)(cx + radius) + 1);
        float r2 = radius * radius;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                float dx = x + 0.5f - cx, dy = y + 0.5f - cy;
                if (dx * dx + dy * dy <= r2) SetPixel(frame, width, x, y, c);
            }
    }

    private static void FillBar(Span<byte> frame, int width, int height, float cx, float cy, float halfLength, float halfThickness, float angle, (byte R, byte G, byte B) c)
    {
        // A bar with a knob at one end, so that a 180-degree turn is not a symmetry of the shape.
        float ux = MathF.Cos(angle), uy = MathF.Sin(angle);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float dx = x + 0.5f - cx, dy = y + 0.5f - cy;
                float along = dx * ux + dy * uy, across = -dx * uy + dy * ux;
                if (Math.Abs(along) <= halfLength && Math.Abs(across) <= halfThickness) SetPixel(frame, width, x, y, c);
            }
        FillDisc(frame, width, height, cx + ux * halfLength, cy + uy * halfLength, halfThickness * 2.2f, c);
    }

    private static void SetPixel(Span<byte> frame, int width, int x, int y, (byte R, byte G, byte B) c)
    {
        int i = (y * width + x) * 3;
        frame[i] = c.R;
        frame[i + 1] = c.G;
        frame[i + 2] = c.B;
    }

    private static byte Clamp(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
