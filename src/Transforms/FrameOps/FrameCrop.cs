using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.FrameOps;

/// <summary>Cuts a rectangle out of every frame of a stack, optionally mirroring it, and mirrors whole stacks.</summary>
public static class FrameCrop
{
    /// <summary>Returns a new stack holding <paramref name="region"/> of every frame (mirrored when <see cref="CropRegion.Flip"/>).</summary>
    public static FrameStack Crop(FrameStack frames, CropRegion region)
    {
        ArgumentNullException.ThrowIfNull(frames);
        region.EnsureInside(frames.Size);
        var result = FrameStack.Allocate(region.Width, region.Height, frames.Count, frames.SourceIndices);
        int rowBytes = region.Width * 3;
        for (int f = 0; f < frames.Count; f++)
        {
            ReadOnlySpan<byte> src = frames.Frame(f);
            Span<byte> dst = result.Frame(f);
            for (int y = 0; y < region.Height; y++)
            {
                ReadOnlySpan<byte> row = src.Slice(((region.Y + y) * frames.Width + region.X) * 3, rowBytes);
                Span<byte> outRow = dst.Slice(y * rowBytes, rowBytes);
                if (region.Flip) MirrorRow(row, outRow);
                else row.CopyTo(outRow);
            }
        }
        return result;
    }

    /// <summary>
    /// Multi-crop views: every region applied to the whole stack, concatenated region-major (all frames of crop 0, then crop 1, ...),
    /// the order mmaction2's ThreeCrop/TenCrop produce.
    /// </summary>
    public static FrameStack CropViews(FrameStack frames, IReadOnlyList<CropRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 1) return Crop(frames, regions[0]);
        if (regions.Count == 0 || regions.Any(r => r.Width != regions[0].Width || r.Height != regions[0].Height))
            throw new ArgumentException("CropViews: regions must be non-empty and of one size.", nameof(regions));
        var result = FrameStack.Allocate(regions[0].Width, regions[0].Height, frames.Count * regions.Count,
            Enumerable.Range(0, regions.Count).SelectMany(_ => frames.SourceIndices).ToArray());
        for (int r = 0; r < regions.Count; r++)
        {
            FrameStack one = Crop(frames, regions[r]);
            one.Pixels.AsSpan(0, one.Count * one.FrameBytes).CopyTo(result.Pixels.AsSpan(r * one.Count * one.FrameBytes));
        }
        return result;
    }

    /// <summary>Returns a horizontally mirrored copy of every frame.</summary>
    public static FrameStack FlipHorizontal(FrameStack frames) => Crop(frames, new CropRegion(0, 0, frames.Width, frames.Height, Flip: true));

    private static void MirrorRow(ReadOnlySpan<byte> row, Span<byte> destination)
    {
        int width = row.Length / 3;
        for (int x = 0; x < width; x++)
        {
            int s = x * 3, d = (width - 1 - x) * 3;
            destination[d] = row[s];
            destination[d + 1] = row[s + 1];
            destination[d + 2] = row[s + 2];
        }
    }
}
