using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Transforms.Tests.FrameOps;

[TestClass]
public sealed class CropPlannerTests
{
    private static readonly FrameSize Frame = new(171, 128);
    private static readonly FrameSize Crop112 = new(112, 112);

    [TestMethod]
    public void Center_OffsetsAreHalfTheFreeSpace()
    {
        Assert.AreEqual(new CropRegion(29, 8, 112, 112), CropPlanner.Center(Frame, Crop112));
    }

    [TestMethod]
    public void Random_CoversWholeRangeInclusive()
    {
        var rng = new Random(5);
        int minX = int.MaxValue, maxX = 0, maxY = 0;
        for (int i = 0; i < 5000; i++)
        {
            var r = CropPlanner.Random(Frame, Crop112, rng);
            minX = Math.Min(minX, r.X); maxX = Math.Max(maxX, r.X); maxY = Math.Max(maxY, r.Y);
            r.EnsureInside(Frame);
        }
        Assert.AreEqual(0, minX);
        Assert.AreEqual(59, maxX);
        Assert.AreEqual(16, maxY);
    }

    [TestMethod]
    public void Three_StartEndCentreAlongLongSide()
    {
        CollectionAssert.AreEqual(new[] { new CropRegion(0, 0, 128, 128), new CropRegion(42, 0, 128, 128), new CropRegion(21, 0, 128, 128) },
            CropPlanner.Three(Frame, new FrameSize(128, 128)));
        // portrait: along y
        CollectionAssert.AreEqual(new[] { new CropRegion(0, 0, 128, 128), new CropRegion(0, 98, 128, 128), new CropRegion(0, 49, 128, 128) },
            CropPlanner.Three(new FrameSize(128, 227), new FrameSize(128, 128)));
    }

    [TestMethod]
    public void Ten_FourCornersCentreThenMirrored()
    {
        CropRegion[] ten = CropPlanner.Ten(Frame, Crop112); // wStep = 59 div 4 = 14, hStep = 16 div 4 = 4
        CollectionAssert.AreEqual(new[]
        {
            new CropRegion(0, 0, 112, 112), new CropRegion(56, 0, 112, 112), new CropRegion(0, 16, 112, 112),
            new CropRegion(56, 16, 112, 112), new CropRegion(28, 8, 112, 112),
        }, ten[..5]);
        for (int i = 0; i < 5; i++) Assert.AreEqual(ten[i] with { Flip = true }, ten[i + 5]);
    }

    [TestMethod]
    public void MultiScale_SidesFromScalesAndFivePositions()
    {
        double[] scales = [1, 0.875, 0.75, 0.66];
        int[] sides = [128, 112, 96, 84]; // floor(128 * s)
        var rng = new Random(11);
        var seenSizes = new HashSet<(int, int)>();
        for (int i = 0; i < 3000; i++)
        {
            CropRegion r = CropPlanner.MultiScale(Frame, Crop112, scales, maxAspectScaleGap: 1, rng);
            r.EnsureInside(Frame);
            int iw = Array.IndexOf(sides, r.Width), ih = Array.IndexOf(sides, r.Height);
            Assert.IsTrue(iw >= 0 && ih >= 0, $"size {r.Width}x{r.Height} not from the scales");
            Assert.IsTrue(Math.Abs(iw - ih) <= 1, $"aspect gap too large: {r.Width}x{r.Height}");
            int ws = (171 - r.Width) / 4, hs = (128 - r.Height) / 4;
            Assert.IsTrue(new[] { (0, 0), (4 * ws, 0), (0, 4 * hs), (4 * ws, 4 * hs), (2 * ws, 2 * hs) }.Contains((r.X, r.Y)), $"position {r}");
            seenSizes.Add((r.Width, r.Height));
        }
        Assert.AreEqual(10, seenSizes.Count, "4 scales with gap 1 give 10 (w,h) pairs");
    }

    [TestMethod]
    public void CropLargerThanFrame_ThrowsNamingSizes()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CropPlanner.Center(new FrameSize(100, 100), Crop112));
        StringAssert.Contains(e.Message, "112x112");
    }
}
