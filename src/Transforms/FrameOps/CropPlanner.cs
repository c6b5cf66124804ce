using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.FrameOps;

/// <summary>Computes crop rectangles (mmaction2 semantics). Pure functions of the frame size, crop size and random state.</summary>
public static class CropPlanner
{
    /// <summary>Centre crop: offsets <c>(W - w) div 2</c>, <c>(H - h) div 2</c>.</summary>
    public static CropRegion Center(FrameSize frame, FrameSize crop)
    {
        Check(frame, crop);
        return new CropRegion((frame.Width - crop.Width) / 2, (frame.Height - crop.Height) / 2, crop.Width, crop.Height);
    }

    /// <summary>Random crop: offsets uniform in <c>[0, W - w]</c> and <c>[0, H - h]</c>.</summary>
    public static CropRegion Random(FrameSize frame, FrameSize crop, Random random)
    {
        Check(frame, crop);
        return new CropRegion(random.Next(frame.Width - crop.Width + 1), random.Next(frame.Height - crop.Height + 1), crop.Width, crop.Height);
    }

    /// <summary>
    /// Three crops along the longer free axis: start, end and centre (mmaction2 ThreeCrop order), with
    /// <c>step = (free) div 2</c> so the offsets are 0, 2*step, step; the other axis is centred.
    /// </summary>
    public static CropRegion[] Three(FrameSize frame, FrameSize crop)
    {
        Check(frame, crop);
        int freeX = frame.Width - crop.Width, freeY = frame.Height - crop.Height;
        if (freeX >= freeY)
        {
            int step = freeX / 2, y = freeY / 2;
            return [new(0, y, crop.Width, crop.Height), new(2 * step, y, crop.Width, crop.Height), new(step, y, crop.Width, crop.Height)];
        }
        int s = freeY / 2, x = freeX / 2;
        return [new(x, 0, crop.Width, crop.Height), new(x, 2 * s, crop.Width, crop.Height), new(x, s, crop.Width, crop.Height)];
    }

    /// <summary>
    /// Ten crops: with <c>wStep = (W - w) div 4</c> and <c>hStep = (H - h) div 4</c>, the positions (0,0), (4wStep,0), (0,4hStep),
    /// (4wStep,4hStep), (2wStep,2hStep), then the same five mirrored (mmaction2 TenCrop order).
    /// </summary>
    public static CropRegion[] Ten(FrameSize frame, FrameSize crop)
    {
        Check(frame, crop);
        var five = FivePositions(frame, crop);
        var result = new CropRegion[10];
        for (int i = 0; i < 5; i++)
        {
            result[i] = new CropRegion(five[i].X, five[i].Y, crop.Width, crop.Height);
            result[i + 5] = result[i] with { Flip = true };
        }
        return result;
    }

    /// <summary>
    /// TSN multi-scale crop (mmaction2 MultiScaleCrop, fixed positions): candidate sides are <c>floor(min(W,H) * scale)</c>; pairs (w, h) of
    /// candidates whose scale indices differ by at most <paramref name="maxAspectScaleGap"/> are drawn uniformly; a side within 2 px of the
    /// target becomes the target; the position is drawn from the five fixed positions (corners and centre with
    /// <c>step = free div 4</c>). The caller resizes the crop to <paramref name="target"/>.
    /// </summary>
    public static CropRegion MultiScale(FrameSize frame, FrameSize target, IReadOnlyList<double> scales, int maxAspectScaleGap, Random random)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count == 0 || scales.Any(s => s <= 0 || s > 1)) throw new ArgumentOutOfRangeException(nameof(scales), "Scales must be in (0, 1].");
        int baseSize = Math.Min(frame.Width, frame.Height);
        var sides = scales.Select(s => (int)(baseSize * s)).ToArray();
        var candidates = new List<(int W, int H)>();
        for (int i = 0; i < sides.Length; i++)
            for (int j = 0; j < sides.Length; j++)
                if (Math.Abs(i - j) <= maxAspectScaleGap) candidates.Add((sides[j], sides[i]));
        var (w, h) = candidates[random.Next(candidates.Count)];
        if (Math.Abs(w - target.Width) < 3) w = target.Width;
        if (Math.Abs(h - target.Height) < 3) h = target.Height;
        w = Math.Clamp(w, 1, frame.Width);
        h = Math.Clamp(h, 1, frame.Height);
        var five = FivePositions(frame, new FrameSize(w, h));
        var (x, y) = five[random.Next(5)];
        return new CropRegion(x, y, w, h);
    }

    private static (int X, int Y)[] FivePositions(FrameSize frame, FrameSize crop)
    {
        int ws = (frame.Width - crop.Width) / 4, hs = (frame.Height - crop.Height) / 4;
        return [(0, 0), (4 * ws, 0), (0, 4 * hs), (4 * ws, 4 * hs), (2 * ws, 2 * hs)];
    }

    private static void Check(FrameSize frame, FrameSize crop)
    {
        crop.Validate(nameof(crop));
        if (crop.Width > frame.Width || crop.Height > frame.Height)
            throw new ArgumentOutOfRangeException(nameof(crop), $"Crop {crop} is larger than the {frame} frame; resize first (e.g. short side >= crop).");
    }
}
