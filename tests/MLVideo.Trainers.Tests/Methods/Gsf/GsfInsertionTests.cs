using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Tests.Fixtures;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Methods.Gsf;

[TestClass]
public sealed class GsfInsertionTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Bottleneck_GsfBottleneckTrain_MatchesOfficialBlock() => Check("gsf_bottleneck_train");

    [TestMethod]
    [TestCategory("Parity")]
    public void Bottleneck_GsfBottleneckEval_MatchesOfficialBlock() => Check("gsf_bottleneck_eval");

    [TestMethod]
    [TestCategory("Parity")]
    public void Bottleneck_WithGsf_HasOfficialKeysAndOrder()
    {
        var fixture = FixtureFolder.Open("gsf_bottleneck_train");
        using var block = Build(fixture);
        WholeModelParity.AssertSameKeys(fixture, block);
    }

    [TestMethod]
    public void BasicBlock_WithGsf_UnitSitsBetweenConv2AndBn2()
    {
        using var scope = torch.NewDisposeScope();
        using var block = new BasicBlock(16, 16, 1, new GsfInsertion(numSegments: 4, channelRatio: 100, new torch.Generator(2)));
        var shapes = block.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        // The unit gates all 16 channels of conv2's output: conv3D is (2, 16/2, 3, 3, 3).
        CollectionAssert.AreEqual(new long[] { 2, 8, 3, 3, 3 }, shapes["gsf.conv3D.weight"]);
        Assert.AreEqual("gsf.channel_conv2.bias", block.named_parameters().Last().name);
        block.eval();
        var y = block.call(torch.randn([8, 16, 6, 6]));
        CollectionAssert.AreEqual(new long[] { 8, 16, 6, 6 }, y.shape);
    }

    [TestMethod]
    public void ResNet_WithGsf_FusionConvsGetKaimingInitAndGateKeepsDefault()
    {
        using var model = ResNet.ResNet50(numClasses: null, insertion: new GsfInsertion(8, 100), generator: new torch.Generator(5));
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        // Fusion conv (1, 2, 3, 3): fan_out = 9, Kaiming std sqrt(2/9) = 0.47 > PyTorch default bound 1/sqrt(18) = 0.24.
        Assert.AreEqual(0f, p["layer1.0.gsf.channel_conv1.bias"].abs().max().item<float>(), "ResNet loop zeroes conv biases");
        // Gate conv (2, 128, 3, 3, 3) keeps U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = 128 * 27.
        Assert.IsTrue(p["layer1.0.gsf.conv3D.weight"].abs().max().item<float>() <= 1 / Math.Sqrt(128 * 27) + 1e-6);
        Assert.AreEqual(16, model.named_modules().Count(m => m.module is GateShiftFuse));
    }

    /// <summary>The official Bottleneck with GSF, built from the case's config (downsample by the shape rule).</summary>
    private static Bottleneck Build(FixtureCase fixture)
    {
        var insertion = new GsfInsertion(fixture.Int("T"), fixture.Double("ratio"));
        var block = new Bottleneck(fixture.Int("inplanes"), fixture.Int("planes"), fixture.Int("stride"), insertion);
        Assert.AreEqual(fixture.Int("gsf_fPlane"), block.OutChannels);
        return block;
    }

    private static void Check(string caseName)
    {
        var fixture = FixtureFolder.Open(caseName);
        using var block = Build(fixture);
        ModuleParity.Check(fixture, block);
    }
}
