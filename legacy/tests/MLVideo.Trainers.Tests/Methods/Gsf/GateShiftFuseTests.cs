using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Methods.Gsf;

/// <summary>GSF against the official swathikirans/GSF code (fixtures gsf_ratio{100,25}_*, gsf_bottleneck_*).</summary>
[TestClass]
public sealed class GateShiftFuseTests
{
    [TestMethod]
    [DataRow("gsf_ratio100_train", 100)]
    [DataRow("gsf_ratio100_eval", 100)]
    [DataRow("gsf_ratio25_train", 25)]
    [DataRow("gsf_ratio25_eval", 25)]
    public void Forward_Unit_MatchesOfficialGsf(string caseName, int ratio)
    {
        var f = Fixture.Load(caseName);
        using var unit = new GateShiftFuse(64, numSegments: 8, channelRatio: ratio);
        Assert.AreEqual(ratio == 100 ? 64 : 16, unit.GatedChannels);
        ModuleParity.Check(f, unit);
    }

    [TestMethod]
    [DataRow("gsf_bottleneck_train")]
    [DataRow("gsf_bottleneck_eval")]
    public void Forward_BottleneckWithGsfBeforeBn3_MatchesOfficialGsf(string caseName)
    {
        var f = Fixture.Load(caseName);
        using var block = new Bottleneck(64, 32);
        block.InsertAfterLastConv("gsf", new GateShiftFuse(block.LastConvChannels, numSegments: 8, channelRatio: 25));
        // Key order must be the official one too (gsf registered after downsample).
        CollectionAssert.AreEqual(FixtureState.KeysAndShapes(f).Where(k => !k.Key.Contains("running") && !k.Key.Contains("num_batches")).Select(k => k.Key).ToArray(),
            block.NamedParameters().Select(kv => kv.Key).ToArray());
        ModuleParity.Check(f, block);
    }

    [TestMethod]
    [DataRow(100.0)]
    [DataRow(50.0)]
    public void Backward_TinyUnit_MatchesFiniteDifferences(double ratio)
    {
        // Eval mode: the gate's BN uses running stats, so the function is a fixed map; a BN bias of 6 keeps every
        // input of the gate's ReLU positive (no kink within eps), so the map is smooth and central differences
        // apply. Train-mode BN and every parameter gradient are covered by the fixtures above.
        using var unit = new GateShiftFuse(8, numSegments: 3, channelRatio: ratio, generator: new Generator(2));
        unit.GetParameter("bn.bias").Data.Fill(6f);
        unit.Eval();
        var x = Tensor.Randn([2 * 3, 8, 3, 3], new Generator(5)).RequiresGrad_();
        GradCheck.Check(inputs => unit.Forward(inputs[0]), [x]);
        GradCheck.Check(_ => unit.Forward(x.Detach()), [unit.GetParameter("channel_conv1.weight"), unit.GetParameter("conv3D.bias")]);
    }

    [TestMethod]
    public void Constructor_RatioGivingChannelsNotDivisibleByFour_Throws()
    {
        // 10% of 64 = 6 gated channels: not a multiple of 4, the interleave is undefined.
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new GateShiftFuse(64, 8, channelRatio: 10));
        StringAssert.Contains(ex.Message, "multiple of 4");
    }

    [TestMethod]
    public void Forward_WrongShape_ThrowsNamingShapes()
    {
        using var unit = new GateShiftFuse(16, 4);
        var ex = Assert.ThrowsExactly<ShapeMismatchException>(() => unit.Forward(Tensor.Zeros(6, 16, 3, 3)));
        StringAssert.Contains(ex.Message, "[6, 16, 3, 3]");
    }

    [TestMethod]
    public void Apply_ResNet50_InsertsSixteenUnitsWithOfficialKeys()
    {
        using var model = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Gsf, Backbone = Backbone.ResNet50, NumClasses = 10, GsfChannelRatio = 100 });
        var sd = model.StateDict();
        Assert.AreEqual(16, sd.Keys.Count(k => k.EndsWith(".gsf.conv3D.weight", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { 2, 128, 3, 3, 3 }, sd["base_model.layer1.0.gsf.conv3D.weight"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 2048 }, sd["base_model.layer4.2.gsf.bn.running_var"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 3 }, sd["base_model.layer2.1.gsf.channel_conv2.weight"].ShapeArray);
        // methods.md 3.4: sum of P over the 16 blocks is 15104 at r = 100; params per unit 27P + 2 + 2P + 2 x 19.
        long gsfParams = model.NamedParameters().Where(kv => kv.Key.Contains(".gsf.")).Sum(kv => (long)kv.Value.Count);
        Assert.AreEqual(29L * 15104 + 16 * (2 + 38), gsfParams);
    }

    [TestMethod]
    public void Forward_BasicBlockWithGsf_AppliesUnitBetweenConv2AndBn2()
    {
        // In eval mode bn2 is affine per channel, so a BasicBlock with GSF must equal: relu(bn2(gsf(conv2(...))) + x).
        var g = new Generator(3);
        using var block = new BasicBlock(8, 8);
        var unit = new GateShiftFuse(8, numSegments: 2, generator: g);
        block.InsertAfterLastConv("gsf", unit);
        block.Eval();
        var x = Tensor.Randn([4, 8, 5, 5], g);
        var conv1 = (MLVideo.Tensors.Nn.Conv2d)block.Conv1;
        var bn1 = (MLVideo.Tensors.Nn.BatchNorm2d)block.GetModule("bn1");
        var conv2 = (MLVideo.Tensors.Nn.Conv2d)block.GetModule("conv2");
        var bn2 = (MLVideo.Tensors.Nn.BatchNorm2d)block.GetModule("bn2");
        var expected = (bn2.Forward(unit.Forward(conv2.Forward(bn1.Forward(conv1.Forward(x)).Relu()))) + x).Relu();
        CollectionAssert.AreEqual(expected.ToArray(), block.Forward(x).ToArray());
        CollectionAssert.AreEqual(new[] { "conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias" },
            block.NamedParameters().Select(kv => kv.Key).Take(6).ToArray());
        Assert.IsTrue(block.NamedParameters().Any(kv => kv.Key == "gsf.conv3D.weight"));
    }

    [TestMethod]
    public void Apply_MobileNetV2_IsNotSupported()
    {
        Assert.ThrowsExactly<NotSupportedException>(() => VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Gsf, Backbone = Backbone.MobileNetV2 }));
    }
}
