using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Methods.Tsm;
using MLVideo.Trainers.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Methods.Tsm;

/// <summary>TSM's residual shift in a torchvision Bottleneck against the official code (fixtures tsm_bottleneck_*).</summary>
[TestClass]
public sealed class TemporalShiftTests
{
    [TestMethod]
    [DataRow("tsm_bottleneck_train")]
    [DataRow("tsm_bottleneck_eval")]
    public void Forward_ShiftedBottleneck_MatchesOfficialTsm(string caseName)
    {
        var f = Fixture.Load(caseName);
        using var block = new Bottleneck(64, 16);
        block.WrapConv1(conv1 => new TemporalShift(conv1, numSegments: 8, foldDiv: 8));
        ModuleParity.Check(f, block);
    }

    [TestMethod]
    public void Apply_ResNet50_WrapsConv1OfAllSixteenBlocksWithOfficialKeys()
    {
        using var model = VideoModelFactory.Create(new VideoModelOptions { Method = VideoMethod.Tsm, Backbone = Backbone.ResNet50, NumClasses = 10 });
        var keys = model.StateDict().Keys.ToList();
        Assert.AreEqual(16, keys.Count(k => k.EndsWith(".conv1.net.weight", StringComparison.Ordinal)));
        CollectionAssert.Contains(keys, "base_model.layer1.0.conv1.net.weight");
        CollectionAssert.Contains(keys, "base_model.layer4.2.conv1.net.weight");
        CollectionAssert.DoesNotContain(keys, "base_model.layer1.0.conv1.weight");
        CollectionAssert.Contains(keys, "base_model.layer1.0.downsample.0.weight");
    }

    [TestMethod]
    public void Apply_MobileNetV2_WrapsFirstLayerOfResidualBlocks()
    {
        var backbone = VideoModelFactory.CreateBackbone(Backbone.MobileNetV2);
        int count = TemporalShiftInsertion.Apply(backbone, 8);
        Assert.AreEqual(10, count, "MobileNetV2 has 10 inverted residual blocks with a residual connection");
        var keys = backbone.StateDict().Keys.ToList();
        CollectionAssert.Contains(keys, "features.3.conv.0.net.0.weight");
        CollectionAssert.Contains(keys, "features.2.conv.0.0.weight");   // stride 2: no residual, no shift
        backbone.Dispose();
    }

    [TestMethod]
    public void Forward_ShiftedBlockOnSingleFrameClips_EqualsUnshiftedWhenShiftedChannelsAreZero()
    {
        // With T = 1 every shifted channel is zero-padded away; a block whose input has zeros there is unaffected.
        var g = new Generator(4);
        using var plain = new Bottleneck(16, 4);
        using var shifted = new Bottleneck(16, 4);
        shifted.LoadStateDict(plain.StateDict());
        shifted.WrapConv1(c => new TemporalShift(c, numSegments: 1, foldDiv: 8));
        var x = Tensor.Randn([2, 16, 5, 5], g);
        // fold = 16 / 8 = 2 channels each way: channels 0-3 are shifted.
        x.Data[..(4 * 25)].Clear();                       // sample 0, channels 0-3
        x.Data[(16 * 25)..(16 * 25 + 4 * 25)].Clear();    // sample 1, channels 0-3
        plain.Eval();
        shifted.Eval();
        CollectionAssert.AreEqual(plain.Forward(x).ToArray(), shifted.Forward(x).ToArray());
    }
}
