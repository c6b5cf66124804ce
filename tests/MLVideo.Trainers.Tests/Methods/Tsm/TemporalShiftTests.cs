using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods.Tsm;
using MLVideo.Trainers.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Methods.Tsm;

[TestClass]
public sealed class TemporalShiftTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Shift_TsmShiftFixture_MatchesOfficialShiftAndGradient()
    {
        var fixture = FixtureFolder.Open("tsm_shift");
        using var scope = torch.NewDisposeScope();
        var x = fixture.Get("in.x").requires_grad_();
        var y = TemporalShift.Shift(x, fixture.Int("n_segment"), fixture.Int("fold_div"));
        fixture.AssertClose("out.y", y);
        y.backward([fixture.Get("gout.y")]);
        fixture.AssertClose("grad.in.x", x.grad!);
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_TsmBottleneckTrain_MatchesOfficialModule() => CheckBottleneck("tsm_bottleneck_train");

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_TsmBottleneckEval_MatchesOfficialModule() => CheckBottleneck("tsm_bottleneck_eval");

    [TestMethod]
    public void Forward_WrapsConv1_KeyBecomesConv1NetWeight()
    {
        using var block = new BasicBlock(16, 16, 1, new TemporalShiftInsertion(numSegments: 4, foldDiv: 8));
        var keys = block.state_dict().Keys.ToList();
        CollectionAssert.Contains(keys, "conv1.net.weight");
        CollectionAssert.DoesNotContain(keys, "conv1.weight");
    }

    [TestMethod]
    public void Shift_FramesNotMultipleOfSegments_Throws()
    {
        using var x = torch.zeros(6, 8, 2, 2);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TemporalShift.Shift(x, 4, 8));
        StringAssert.Contains(e.Message, "(N*4, C, H, W)");
    }

    /// <summary>A torchvision Bottleneck whose conv1 is wrapped by the shift, built from the case's config.</summary>
    private static void CheckBottleneck(string caseName)
    {
        var fixture = FixtureFolder.Open(caseName);
        var insertion = new TemporalShiftInsertion(fixture.Int("n_segment"), fixture.Int("fold_div"));
        using var block = new Bottleneck(fixture.Int("inplanes"), fixture.Int("planes"), fixture.Int("stride"), insertion);
        ModuleParity.Check(fixture, block);
    }
}
