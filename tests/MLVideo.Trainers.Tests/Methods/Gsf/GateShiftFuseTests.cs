using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Tests.Fixtures;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Methods.Gsf;

[TestClass]
public sealed class GateShiftFuseTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_Ratio100Train_MatchesOfficialModule() => Check("gsf_ratio100_train");

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_Ratio100Eval_MatchesOfficialModule() => Check("gsf_ratio100_eval");

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_Ratio25Train_MatchesOfficialModule() => Check("gsf_ratio25_train");

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_Ratio25Eval_MatchesOfficialModule() => Check("gsf_ratio25_eval");

    [TestMethod]
    [TestCategory("Parity")]
    public void GatedChannelCount_FixtureConfigs_MatchOfficialCount()
    {
        foreach (string name in new[] { "gsf_ratio100_train", "gsf_ratio25_train" })
        {
            var fixture = FixtureFolder.Open(name);
            Assert.AreEqual(fixture.Int("gated_channels"), GateShiftFuse.GatedChannelCount(fixture.Int("fPlane"), fixture.Double("gsf_ch_ratio")), name);
        }
    }

    [TestMethod]
    public void Constructor_GatedChannelsNotMultipleOfFour_ThrowsExplaining()
    {
        // 24 channels at 25% -> 6 gated channels: the interleave needs a multiple of 4.
        var e = Assert.ThrowsExactly<ArgumentException>(() => new GateShiftFuse(24, 8, 25));
        StringAssert.Contains(e.Message, "multiple of 4");
    }

    [TestMethod]
    public void Forward_KeepsShapeAndPassesUngatedChannels()
    {
        using var scope = torch.NewDisposeScope();
        using var unit = new GateShiftFuse(32, 4, 25, new torch.Generator(1));
        var x = torch.randn([8, 32, 5, 5]);
        var y = unit.call(x);
        CollectionAssert.AreEqual(x.shape, y.shape);
        Assert.IsTrue(y.narrow(1, 8, 24).eq(x.narrow(1, 8, 24)).all().item<bool>(), "channels past the gated 8 are unchanged");
    }

    private static void Check(string caseName)
    {
        var fixture = FixtureFolder.Open(caseName);
        using var unit = new GateShiftFuse(fixture.Int("fPlane"), fixture.Int("num_segments"), fixture.Double("gsf_ch_ratio"));
        Assert.AreEqual(fixture.Int("gated_channels"), unit.GatedChannels);
        ModuleParity.Check(fixture, unit);
    }
}
