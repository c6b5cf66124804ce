using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Fixtures;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Backbones;

[TestClass]
public sealed class ResNetTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_Resnet18Fixture_MatchesPyTorch()
    {
        var fixture = FixtureFolder.Open("resnet18");
        using var model = new ResNet(ResNetVariant.ResNet18, numClasses: fixture.Int("num_classes"));
        StateDictImporter.Import(model, fixture.StateDict(), fixture.Name);
        WholeModelParity.Check(fixture, model);
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void StateDict_ResNet18_HasTorchvisionKeysAndShapes()
    {
        var fixture = FixtureFolder.Open("resnet18");
        using var model = new ResNet(ResNetVariant.ResNet18, numClasses: fixture.Int("num_classes"));
        WholeModelParity.AssertSameKeys(fixture, model);
    }

    [TestMethod]
    public void Constructor_ResNet50_HasTorchvisionParameterCountAndBottleneckKeys()
    {
        using var model = ResNet.ResNet50();
        Assert.AreEqual(25_557_032L, model.parameters().Sum(p => p.numel()));
        var keys = model.state_dict().Keys.ToList();
        CollectionAssert.Contains(keys, "layer4.2.bn3.running_var");
        CollectionAssert.Contains(keys, "layer2.0.downsample.0.weight");
        Assert.AreEqual(2048, model.FeatureChannels);
    }

    [TestMethod]
    public void Constructor_ResNet34_HasTorchvisionParameterCount()
    {
        using var model = ResNet.ResNet34();
        Assert.AreEqual(21_797_672L, model.parameters().Sum(p => p.numel()));
    }

    [TestMethod]
    public void Constructor_WidthMultiplierQuarter_ScalesEveryStage()
    {
        using var model = ResNet.ResNet18(numClasses: 5, widthMultiplier: 0.25);
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        CollectionAssert.AreEqual(new long[] { 16, 3, 7, 7 }, shapes["conv1.weight"]);
        CollectionAssert.AreEqual(new long[] { 32, 16, 3, 3 }, shapes["layer2.0.conv1.weight"]);
        CollectionAssert.AreEqual(new long[] { 128, 128, 3, 3 }, shapes["layer4.1.conv2.weight"]);
        CollectionAssert.AreEqual(new long[] { 5, 128 }, shapes["fc.weight"]);
        using var logits = model.call(torch.randn(2, 3, 32, 32));
        CollectionAssert.AreEqual(new long[] { 2, 5 }, logits.shape);
    }

    [TestMethod]
    public void Constructor_Init_IsKaimingFanOutWithUnitBatchNorm()
    {
        using var model = ResNet.ResNet50(generator: new Generator(3));
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        // layer3.0.conv2: 256 x 256 x 3 x 3, fan_out = 256 * 9, std = sqrt(2 / 2304).
        double std = p["layer3.0.conv2.weight"].std().item<float>();
        Assert.AreEqual(Math.Sqrt(2.0 / 2304), std, 0.02 * std);
        Assert.AreEqual(1f, p["layer3.0.bn2.weight"].min().item<float>());
        Assert.AreEqual(0f, p["layer3.0.bn2.bias"].abs().max().item<float>());
    }

    [TestMethod]
    public void Constructor_SameGenerator_SameWeights()
    {
        using var a = ResNet.ResNet18(widthMultiplier: 0.25, generator: new Generator(7));
        using var b = ResNet.ResNet18(widthMultiplier: 0.25, generator: new Generator(7));
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.IsTrue(pa.eq(pb).all().item<bool>(), name);
    }

    [TestMethod]
    public void Forward_WrongChannels_ThrowsNamingShapes()
    {
        using var model = ResNet.ResNet18(widthMultiplier: 0.25);
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.call(torch.zeros(1, 4, 32, 32)));
        StringAssert.Contains(e.Message, "(N, 3, H, W)");
        StringAssert.Contains(e.Message, "(1, 4, 32, 32)");
    }
}
