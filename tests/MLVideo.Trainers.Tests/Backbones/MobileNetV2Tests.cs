using System.Globalization;
using System.Text.RegularExpressions;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Fixtures;
using MLVideo.Trainers.Weights;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Backbones;

[TestClass]
public sealed class MobileNetV2Tests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Forward_MobileNetV2Fixture_MatchesPyTorch()
    {
        var fixture = FixtureFolder.Open("mobilenet_v2");
        using var model = Build(fixture);
        StateDictImporter.Import(model, fixture.StateDict(), fixture.Name);
        WholeModelParity.Check(fixture, model);
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void StateDict_MobileNetV2_HasTorchvisionKeysAndShapes()
    {
        var fixture = FixtureFolder.Open("mobilenet_v2");
        using var model = Build(fixture);
        WholeModelParity.AssertSameKeys(fixture, model);
    }

    [TestMethod]
    public void Constructor_Width1_HasTorchvisionParameterCount()
    {
        using var model = new MobileNetV2();
        Assert.AreEqual(3_504_872L, model.parameters().Sum(p => p.numel()));
    }

    [TestMethod]
    public void Constructor_HalfWidth_UsesMakeDivisibleWidths()
    {
        using var model = new MobileNetV2(numClasses: 4, widthMultiplier: 0.5);
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        CollectionAssert.AreEqual(new long[] { 16, 3, 3, 3 }, shapes["features.0.0.weight"]);      // 32 * 0.5
        CollectionAssert.AreEqual(new long[] { 8, 16, 1, 1 }, shapes["features.1.conv.1.weight"]); // 16 * 0.5
        CollectionAssert.AreEqual(new long[] { 4, 1280 }, shapes["classifier.1.weight"]);         // last width never below 1280
        using var logits = model.call(torch.randn(1, 3, 32, 32));
        CollectionAssert.AreEqual(new long[] { 1, 4 }, logits.shape);
    }

    /// <summary>The width comes from the case's <c>model</c> string (e.g. <c>mobilenet_v2(width_mult=1.0)</c>).</summary>
    private static MobileNetV2 Build(FixtureCase fixture)
    {
        var match = Regex.Match(fixture.Config.GetProperty("model").GetString()!, @"width_mult=([0-9.]+)");
        double width = match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1.0;
        return new MobileNetV2(numClasses: fixture.Int("num_classes"), widthMultiplier: width);
    }
}
