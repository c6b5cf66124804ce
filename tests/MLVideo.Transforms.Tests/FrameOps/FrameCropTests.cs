using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Transforms.Tests.FrameOps;

[TestClass]
public sealed class FrameCropTests
{
    /// <summary>Frame f, pixel (x, y), channel c holds f*50 + y*10 + x, c added to tell channels apart.</summary>
    private static FrameStack Pattern(int w, int h, int frames)
    {
        var s = FrameStack.Allocate(w, h, frames);
        for (int f = 0; f < frames; f++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int c = 0; c < 3; c++)
                        s.Frame(f)[(y * w + x) * 3 + c] = (byte)(f * 50 + y * 10 + x + c);
        return s;
    }

    [TestMethod]
    public void Crop_TakesTheRectangle()
    {
        FrameStack c = FrameCrop.Crop(Pattern(5, 4, 2), new CropRegion(1, 2, 3, 2));
        Assert.AreEqual(new FrameSize(3, 2), c.Size);
        Assert.AreEqual(2 * 10 + 1, c.Frame(0)[0]);
        Assert.AreEqual(50 + 3 * 10 + 3 + 2, c.Frame(1)[(1 * 3 + 2) * 3 + 2]);
    }

    [TestMethod]
    public void FlipHorizontal_MirrorsColumnsKeepsChannels()
    {
        FrameStack src = Pattern(4, 2, 1);
        FrameStack flipped = FrameCrop.FlipHorizontal(src);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 4; x++)
                for (int c = 0; c < 3; c++)
                    Assert.AreEqual(src.Frame(0)[(y * 4 + 3 - x) * 3 + c], flipped.Frame(0)[(y * 4 + x) * 3 + c]);
        CollectionAssert.AreEqual(src.Pixels, FrameCrop.FlipHorizontal(flipped).Pixels);
    }

    [TestMethod]
    public void CropViews_RegionMajorOrder()
    {
        FrameStack src = Pattern(6, 6, 2);
        FrameStack views = FrameCrop.CropViews(src, CropPlanner.Three(src.Size, new FrameSize(4, 6)));
        Assert.AreEqual(6, views.Count);
        Assert.AreEqual(0, views.Frame(0)[0]);      // crop 0 frame 0 at x=0
        Assert.AreEqual(50, views.Frame(1)[0]);     // crop 0 frame 1
        Assert.AreEqual(2, views.Frame(2)[0]);      // crop 1 (x=2) frame 0
        Assert.AreEqual(1, views.Frame(4)[0]);      // crop 2 (centre x=1) frame 0
    }
}
