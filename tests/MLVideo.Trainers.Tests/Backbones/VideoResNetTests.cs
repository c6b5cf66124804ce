using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Fixtures;
using MLVideo.Trainers.Weights;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Backbones;

[TestClass]
public sealed class VideoResNetTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Generate_R3d18Weights_MatchCheckHeadsAndSums()
    {
        var fixture = FixtureFolder.Open("r3d_18");
        using var scope = torch.NewDisposeScope();
        foreach (var (key, tensor) in R3dWeightGenerator.Generate(fixture.Config))
        {
            var head = fixture.Get("check.head." + key);
            var flat = tensor.flatten();
            var ours = flat.narrow(0, 0, head.numel());
            Assert.IsTrue(ours.eq(head).all().item<bool>(), $"r3d_18: first values of {key} differ from check.head");
            double sum = flat.to(torch.float64).sum().item<double>();
            double expected = fixture.Get("check.sum." + key).item<float>();
            Assert.AreEqual(expected, sum, 1e-5 * Math.Max(1, Math.Abs(expected)), $"r3d_18: sum of {key}");
        }
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_R3d18Fixture_MatchesPyTorch()
    {
        var fixture = FixtureFolder.Open("r3d_18");
        using var model = new VideoResNet(ResNetVariant.ResNet18, numClasses: fixture.Int("num_classes"));
        using (var scope = torch.NewDisposeScope())
        {
            // num_batches_tracked is not generated (eval mode ignores it): import non-strictly, then check nothing else is missing.
            var report = StateDictImporter.Import(model, R3dWeightGenerator.Generate(fixture.Config), fixture.Name, strict: false);
            Assert.IsTrue(report.IsExact, string.Join(", ", report.Missing.Concat(report.Unexpected)));
        }
        WholeModelParity.Check(fixture, model);
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void StateDict_R3d18_FollowsTheGeneratorTable()
    {
        var fixture = FixtureFolder.Open("r3d_18");
        using var model = VideoResNet.R3d18(numClasses: fixture.Int("num_classes"));
        var expected = fixture.Config.GetProperty("gen_table").EnumerateArray()
            .Select(row => WholeModelParity.Describe(row[0].GetString()!, row[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))
            .ToList();
        var ours = model.state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .Select(kv => WholeModelParity.Describe(kv.Key, kv.Value.shape)).ToList();
        CollectionAssert.AreEquivalent(expected, ours);
    }

    [TestMethod]
    public void Constructor_R3d18_HasTorchvisionParameterCount()
    {
        using var model = VideoResNet.R3d18();
        Assert.AreEqual(33_371_472L, model.parameters().Sum(p => p.numel()));
    }

    [TestMethod]
    public void Constructor_R3d50_UsesBottleneckKeysInR3dPattern()
    {
        using var model = VideoResNet.R3d50(numClasses: 7, widthMultiplier: 0.25);
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        CollectionAssert.AreEqual(new long[] { 16, 3, 3, 7, 7 }, shapes["stem.0.weight"]);
        CollectionAssert.AreEqual(new long[] { 16, 16, 1, 1, 1 }, shapes["layer1.0.conv1.0.weight"]);
        CollectionAssert.AreEqual(new long[] { 16, 16, 3, 3, 3 }, shapes["layer1.0.conv2.0.weight"]);
        CollectionAssert.AreEqual(new long[] { 64, 16, 1, 1, 1 }, shapes["layer1.0.conv3.0.weight"]);
        CollectionAssert.AreEqual(new long[] { 64, 16, 1, 1, 1 }, shapes["layer1.0.downsample.0.weight"]);
        Assert.IsTrue(shapes.ContainsKey("layer4.2.conv3.1.weight"));
        CollectionAssert.AreEqual(new long[] { 7, 512 }, shapes["fc.weight"]);
        using var logits = model.call(torch.randn([1, 3, 4, 32, 32]));
        CollectionAssert.AreEqual(new long[] { 1, 7 }, logits.shape);
    }
}
