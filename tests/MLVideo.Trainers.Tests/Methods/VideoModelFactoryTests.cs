using System.Text.Json;
using MLVideo.Trainers.Methods;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Methods;

[TestClass]
public sealed class VideoModelFactoryTests
{
    public static IEnumerable<object[]> SupportedCombinations =>
        from method in Enum.GetValues<VideoMethod>()
        from backbone in Enum.GetValues<VideoBackbone>()
        where VideoModelFactory.Supports(method, backbone)
        select new object[] { method, backbone };

    [TestMethod]
    [DynamicData(nameof(SupportedCombinations))]
    public void Create_SupportedCombination_GivesLogitsPerClip(VideoMethod method, VideoBackbone backbone)
    {
        var spec = new VideoModelSpec { Method = method, Backbone = backbone, WidthMultiplier = 0.25, NumSegments = 4, NumClasses = 3 };
        using var model = VideoModelFactory.Create(spec, torch.CPU, new torch.Generator(11));
        using var scope = torch.NewDisposeScope();
        model.eval();
        var logits = model.call(torch.randn([2, 4, 3, 32, 32]));
        CollectionAssert.AreEqual(new long[] { 2, 3 }, logits.shape, $"{method} x {backbone}");
        Assert.IsTrue(logits.isfinite().all().item<bool>());
    }

    [TestMethod]
    public void Supports_SensibleCombinations_AreAllBuilt()
    {
        // TSN everywhere; TSM on every 2-D backbone; GSF on the ResNets (the official placement).
        Assert.AreEqual(6 + 4 + 3, SupportedCombinations.Count());
        Assert.IsFalse(VideoModelFactory.Supports(VideoMethod.Gsf, VideoBackbone.MobileNetV2));
        Assert.IsFalse(VideoModelFactory.Supports(VideoMethod.Tsm, VideoBackbone.R3d18));
    }

    [TestMethod]
    public void Create_UnsupportedCombination_ThrowsNamingBoth()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Gsf, Backbone = VideoBackbone.MobileNetV2, WidthMultiplier = 0.25, NumClasses = 2 };
        var e = Assert.ThrowsExactly<NotSupportedException>(() => VideoModelFactory.Create(spec, torch.CPU));
        StringAssert.Contains(e.Message, "Gsf");
        StringAssert.Contains(e.Message, "MobileNetV2");
    }

    [TestMethod]
    public void Create_InvalidSpec_ThrowsNamingTheSetting()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VideoModelFactory.Create(new VideoModelSpec { NumClasses = 0 }, torch.CPU));
        Assert.AreEqual("NumClasses", e.ParamName);
    }

    [TestMethod]
    public void Create_Tsm_KeysAreTorchvisionKeysWithNetAndFc()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Tsm, Backbone = VideoBackbone.ResNet50, WidthMultiplier = 0.25, NumClasses = 5 };
        using var model = VideoModelFactory.Create(spec, torch.CPU);
        var keys = model.state_dict().Keys.ToList();
        Assert.AreEqual("conv1.weight", keys[0]);
        CollectionAssert.Contains(keys, "layer1.0.conv1.net.weight");
        CollectionAssert.Contains(keys, "layer4.2.conv1.net.weight");
        CollectionAssert.Contains(keys, "fc.weight");
        CollectionAssert.AreEqual(new[] { "fc.weight", "fc.bias" }, keys.Where(k => k.StartsWith(VideoClassifier.ClassifierKey + ".", StringComparison.Ordinal)).ToList());
        Assert.IsFalse(keys.Any(k => k.StartsWith("base_model.", StringComparison.Ordinal) || k.StartsWith("new_fc", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Create_GsfMobileNetAndR3d_ClassifierIsFcEverywhere()
    {
        foreach (var backbone in new[] { VideoBackbone.MobileNetV2, VideoBackbone.R3d18 })
        {
            using var model = VideoModelFactory.Create(new VideoModelSpec { Backbone = backbone, WidthMultiplier = 0.25, NumClasses = 6 }, torch.CPU);
            var keys = model.state_dict().Keys.ToList();
            CollectionAssert.Contains(keys, "fc.weight", backbone.ToString());
            Assert.IsFalse(keys.Any(k => k.StartsWith("classifier.", StringComparison.Ordinal)), backbone.ToString());
            CollectionAssert.AreEqual(new long[] { 6, model.Classifier.weight.shape[1] }, model.Classifier.weight.shape);
        }
    }

    [TestMethod]
    public void Create_SameGenerator_SameWeights()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Gsf, Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumClasses = 3 };
        using var a = VideoModelFactory.Create(spec, torch.CPU, new torch.Generator(9));
        using var b = VideoModelFactory.Create(spec, torch.CPU, new torch.Generator(9));
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.IsTrue(pa.eq(pb).all().item<bool>(), name);
    }

    [TestMethod]
    public void VideoModelSpec_JsonRoundTrip_IsEqual()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Gsf, Backbone = VideoBackbone.ResNet34, WidthMultiplier = 0.5, NumSegments = 16, NumClasses = 174, DropoutRatio = 0.3, GsfChannelRatio = 25 };
        var back = JsonSerializer.Deserialize<VideoModelSpec>(JsonSerializer.Serialize(spec));
        Assert.AreEqual(spec, back);
    }
}
