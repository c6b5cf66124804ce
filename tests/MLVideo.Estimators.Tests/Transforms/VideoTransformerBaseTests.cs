using MLVideo.Transforms;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class VideoTransformerBaseTests
{
    [TestMethod]
    public void RowSeed_FixedInputs_GivePinnedSeeds()
    {
        // Pinned values (SplitMix64, computed independently): a saved model must draw the same random offsets and crops in
        // every process, which HashCode.Combine, randomised per process, would not.
        Assert.AreEqual(1759515523, VideoTransformerBase.RowSeed(0, 1, 0, 0));
        Assert.AreEqual(522520939, VideoTransformerBase.RowSeed(42, 1, 0, 0));
        Assert.AreEqual(880759319, VideoTransformerBase.RowSeed(42, 2, 0, 0));
        Assert.AreEqual(952157548, VideoTransformerBase.RowSeed(42, 1, 0, 1));
        Assert.AreEqual(263902856, VideoTransformerBase.RowSeed(-5, 3, 7, 1UL << 40));
    }

    [TestMethod]
    public void RowSeed_NeighbouringRowsAndVisits_Differ()
    {
        var seeds = new HashSet<int>();
        for (int visit = 1; visit <= 10; visit++)
            for (ulong row = 0; row < 100; row++)
                seeds.Add(VideoTransformerBase.RowSeed(7, visit, 0, row));
        Assert.AreEqual(1000, seeds.Count);
    }
}
