using MLVideo.Tensors;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Complexity;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Tests.Complexity;

/// <summary>MAC accounting against the figures the papers report (docs/methods.md §1 and §3.4).</summary>
[TestClass]
public sealed class FlopCounterTests
{
    [TestMethod]
    public void Measure_ResNet18At224_Is1Point82GMacs()
    {
        using var model = ResNet.ResNet18();
        var c = FlopCounter.Measure(model, [1, 3, 224, 224]);
        Assert.AreEqual(1.82, c.GigaMacsPerClip, 1.82 * 0.01, c.ToString());
        Assert.AreEqual(11_689_512L, c.Parameters);
    }

    [TestMethod]
    public void Measure_ResNet50TsnAndGsf_EightFramesAt224_MatchPaperFigures()
    {
        using var tsn = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Tsn, Backbone = Backbone.ResNet50, NumClasses = 400, NumSegments = 8 });
        var tsnCost = FlopCounter.Measure(tsn, [8, 3, 224, 224]);
        // methods.md §1: ~4.1 GMACs per frame, 8 frames per clip.
        Assert.AreEqual(1, tsnCost.Clips);
        Assert.AreEqual(8 * 4.1, tsnCost.GigaMacsPerClip, 8 * 4.1 * 0.02, tsnCost.ToString());
        Assert.AreEqual(2 * tsnCost.GigaMacsPerClip, tsnCost.GigaMacsPerVideo(clipsPerVideo: 2), 1e-9);

        using var gsf = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Gsf, Backbone = Backbone.ResNet50, NumClasses = 400, NumSegments = 8, GsfChannelRatio = 100 });
        var gsfCost = FlopCounter.Measure(gsf, [8, 3, 224, 224]);
        long overhead = gsfCost.TotalMacs - tsnCost.TotalMacs;
        // Per unit: gate conv P*27*T*H*W (groups 2, 2 outputs) + two fusion convs 2 x (2*9 MACs) x (P/2 * T).
        Assert.AreEqual(ExpectedGsfOverhead(8, ratio: 100), overhead);
        // methods.md §3.4: ~1.2 GMACs per clip, ~3.6% of the 33 G of TSN.
        Assert.AreEqual(1.2, overhead / 1e9, 0.05);
        Assert.AreEqual(0.036, (double)overhead / tsnCost.TotalMacs, 0.003);
        // ~0.44 M extra parameters at r = 100.
        Assert.AreEqual(0.44e6, gsfCost.Parameters - tsnCost.Parameters, 0.01e6);
    }

    [TestMethod]
    public void Measure_GsfRatio25_OverheadIsQuarter()
    {
        // Small input: the overhead formula is exact at any resolution (56/28/14/7 become 8/4/2/1 at 32x32).
        using var tsn = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Tsn, Backbone = Backbone.ResNet50, NumClasses = 10, NumSegments = 8 });
        using var gsf = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Gsf, Backbone = Backbone.ResNet50, NumClasses = 10, NumSegments = 8, GsfChannelRatio = 25 });
        long overhead = FlopCounter.Measure(gsf, [8, 3, 32, 32]).TotalMacs - FlopCounter.Measure(tsn, [8, 3, 32, 32]).TotalMacs;
        Assert.AreEqual(ExpectedGsfOverhead(8, ratio: 25, size: 32), overhead);
    }

    [TestMethod]
    public void Measure_RestoresTrainingModeAndLeavesRunningStatsUntouched()
    {
        using var model = ResNet.ResNet18(widthMultiplier: 0.125);
        var before = model.GetBuffer("bn1.running_mean").ToArray();
        var c = FlopCounter.Measure(model, [2, 3, 32, 32]);
        Assert.IsTrue(model.IsTraining);
        CollectionAssert.AreEqual(before, model.GetBuffer("bn1.running_mean").ToArray());
        Assert.AreEqual(2, c.Clips);
        Assert.IsTrue(c.MacsByOp.ContainsKey("conv2d"), string.Join(", ", c.MacsByOp.Keys));
    }

    [TestMethod]
    public void Measure_R3d18_CountsConv3d()
    {
        using var model = VideoResNet.R3d18(widthMultiplier: 0.25, numSegments: 4);
        var c = FlopCounter.Measure(model, [1, 3, 4, 32, 32]);
        Assert.IsTrue(c.MacsByOp.GetValueOrDefault("conv3d") > 0);
        Assert.AreEqual(1, c.Clips);
        // The same clip given as 4 folded frames costs the same and counts as one clip.
        var folded = FlopCounter.Measure(model, [4, 3, 32, 32]);
        Assert.AreEqual(c.TotalMacs, folded.TotalMacs);
        Assert.AreEqual(1, folded.Clips);
    }

    /// <summary>Σ over the 16 R50 blocks of P*27*T*H*W + 18*P*T (per clip), P = gated channels of the block.</summary>
    private static long ExpectedGsfOverhead(int frames, int ratio, int size = 224)
    {
        (int Blocks, int Channels, int Side)[] stages = [(3, 256, size / 4), (4, 512, size / 8), (6, 1024, size / 16), (3, 2048, size / 32)];
        long total = 0;
        foreach (var (blocks, channels, side) in stages)
        {
            long p = channels * ratio / 100;
            total += blocks * (p * 27 * frames * side * side + 18 * p * frames);
        }
        return total;
    }
}
