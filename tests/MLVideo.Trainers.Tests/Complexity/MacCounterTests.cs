using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Complexity;
using MLVideo.Trainers.Methods;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Complexity;

/// <summary>MAC counts against torchvision's published GFLOPS and the papers' overhead figures (this is arithmetic, not time).</summary>
[TestClass]
public sealed class MacCounterTests
{
    [TestMethod]
    public void Measure_ResNet18At224_MatchesTorchvision181()
    {
        using var model = ResNet.ResNet18();
        AssertWithinOnePercent(1.81, MacCounter.Measure(model, [1, 3, 224, 224]));
    }

    [TestMethod]
    public void Measure_ResNet50At224_MatchesTorchvision409()
    {
        using var model = ResNet.ResNet50();
        AssertWithinOnePercent(4.09, MacCounter.Measure(model, [1, 3, 224, 224]));
    }

    [TestMethod]
    public void Measure_MobileNetV2At224_MatchesTorchvision030()
    {
        using var model = new MobileNetV2();
        AssertWithinOnePercent(0.30, MacCounter.Measure(model, [1, 3, 224, 224]));
    }

    [TestMethod]
    public void Measure_R3d18At16x112_MatchesTorchvision407()
    {
        using var model = VideoResNet.R3d18();
        var cost = MacCounter.Measure(model, [1, 3, 16, 112, 112]);
        AssertWithinOnePercent(40.7, cost);
        Assert.IsTrue(cost.MacsByLayerKind["Conv3d"] > 0.99 * cost.TotalMacs);
    }

    [TestMethod]
    public void GigaMacsPerVideo_CountsEveryView()
    {
        using var model = ResNet.ResNet18(widthMultiplier: 0.25);
        var cost = MacCounter.Measure(model, [3, 3, 64, 64]);
        Assert.AreEqual(3, cost.Samples);
        Assert.AreEqual(cost.TotalMacs / 3.0, cost.MacsPerView, 1e-6);
        Assert.AreEqual(6 * cost.GigaMacsPerView, cost.GigaMacsPerVideo(views: 6), 1e-12);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cost.GigaMacsPerVideo(0));
    }

    [TestMethod]
    public void Measure_VideoClassifier_CountsAllFramesOfAClip()
    {
        var spec = new VideoModelSpec { Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 4, NumClasses = 10 };
        using var model = VideoModelFactory.Create(spec, torch.CPU);
        using var frameModel = ResNet.ResNet18(numClasses: 10, widthMultiplier: 0.25);
        var clip = MacCounter.Measure(model, [2, 4, 3, 64, 64]);
        var frame = MacCounter.Measure(frameModel, [1, 3, 64, 64]);
        Assert.AreEqual(2, clip.Samples);
        Assert.AreEqual(4 * frame.MacsPerView, clip.MacsPerView, 1e-6, "one view = T frames");
    }

    [TestMethod]
    public void Measure_GsfOverTsn_IsTheGateConvsAndSmall()
    {
        // 64x64 keeps every stage side whole (16, 8, 4, 2) so the overhead formula is exact.
        const int frames = 8, size = 64;
        var tsnSpec = new VideoModelSpec { Method = VideoMethod.Tsn, Backbone = VideoBackbone.ResNet50, NumSegments = frames, NumClasses = 400 };
        using var tsn = VideoModelFactory.Create(tsnSpec, torch.CPU);
        var tsnCost = MacCounter.Measure(tsn, [1, frames, 3, size, size]);
        foreach (int ratio in new[] { 100, 25 })
        {
            using var gsf = VideoModelFactory.Create(tsnSpec with { Method = VideoMethod.Gsf, GsfChannelRatio = ratio }, torch.CPU);
            var gsfCost = MacCounter.Measure(gsf, [1, frames, 3, size, size]);
            long overhead = gsfCost.TotalMacs - tsnCost.TotalMacs;
            Assert.AreEqual(ExpectedGsfOverhead(frames, ratio, size), overhead, $"ratio {ratio}");
            // methods.md §3.4: ~3.6% of TSN at r = 100 (1.2 of 33 GMACs at 224), a quarter of it at r = 25.
            double fraction = (double)overhead / tsnCost.TotalMacs;
            Console.WriteLine($"GSF ratio {ratio}: +{overhead / 1e9:F4} GMACs per clip over TSN's {tsnCost.GigaMacsPerView:F3} ({fraction:P2}), +{gsfCost.Parameters - tsnCost.Parameters} parameters");
            Assert.AreEqual(0.036 * ratio / 100, fraction, 0.004 * ratio / 100, $"ratio {ratio}: overhead fraction {fraction:P2}");
        }
    }

    [TestMethod]
    public void Measure_RestoresTrainingModeAndLeavesRunningStats()
    {
        using var model = ResNet.ResNet18(widthMultiplier: 0.25);
        model.train();
        var before = model.state_dict()["bn1.running_mean"].clone();
        MacCounter.Measure(model, [2, 3, 32, 32]);
        Assert.IsTrue(model.training);
        Assert.IsTrue(model.state_dict()["bn1.running_mean"].eq(before).all().item<bool>());
    }

    private static void AssertWithinOnePercent(double published, ModelComplexity cost)
    {
        Console.WriteLine($"published {published} GMACs, counted {cost}");
        Assert.AreEqual(published, cost.GigaMacsPerView, published * 0.01, $"published {published} GMACs, counted {cost}");
    }

    /// <summary>Σ over the 16 R50 blocks of P*27*T*H*W (gate conv) + 18*P*T (two fusion convs), P = gated channels.</summary>
    private static long ExpectedGsfOverhead(int frames, int ratio, int size)
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
