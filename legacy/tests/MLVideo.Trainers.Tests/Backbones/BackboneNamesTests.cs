using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Tests.Fixtures;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Backbones;

/// <summary>
/// State-dict keys and shapes are the checkpoint contract: they must equal torchvision's, in order. The reference
/// key lists are the whole-model fixtures (dumped from torchvision 0.14); parameter counts are torchvision's.
/// </summary>
[TestClass]
public sealed class BackboneNamesTests
{
    [TestMethod]
    public void StateDict_ResNet18_EqualsTorchvisionKeysAndShapes()
    {
        using var model = ResNet.ResNet18();
        AssertSameKeys(Fixture.LoadShared("resnet18"), model);
    }

    [TestMethod]
    public void StateDict_MobileNetV2_EqualsTorchvisionKeysAndShapes()
    {
        using var model = new MobileNetV2();
        AssertSameKeys(Fixture.LoadShared("mobilenet_v2"), model);
    }

    [TestMethod]
    public void StateDict_R3d18_EqualsTorchvisionKeysAndShapes()
    {
        var fixture = Fixture.LoadShared("r3d_18");
        var expected = fixture.Config.GetProperty("gen_table").EnumerateArray()
            .Select(row => (row[0].GetString()!, row[1].EnumerateArray().Select(d => d.GetInt32()).ToArray())).ToList();
        using var model = VideoResNet.R3d18();
        // The generator table omits num_batches_tracked (README section 6); everything else must match in order.
        var actual = model.StateDict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .Select(kv => (kv.Key, kv.Value.ShapeArray)).ToList();
        AssertSameList(expected, actual, "r3d_18");
    }

    [TestMethod]
    [DataRow(ResNetDepth.ResNet18, 11_689_512L)]
    [DataRow(ResNetDepth.ResNet34, 21_797_672L)]
    [DataRow(ResNetDepth.ResNet50, 25_557_032L)]
    public void CountParameters_TorchvisionResNets_MatchPublishedCounts(ResNetDepth depth, long expected)
    {
        using var model = new ResNet(depth);
        Assert.AreEqual(expected, model.CountParameters());
    }

    [TestMethod]
    public void CountParameters_MobileNetV2AndR3d18_MatchPublishedCounts()
    {
        using var mobile = new MobileNetV2();
        Assert.AreEqual(3_504_872L, mobile.CountParameters());
        using var r3d = VideoResNet.R3d18();
        Assert.AreEqual(33_371_472L, r3d.CountParameters());
    }

    [TestMethod]
    public void StateDict_ResNet50_HasBottleneckNamesAndShapes()
    {
        using var model = ResNet.ResNet50();
        var sd = model.StateDict();
        // 53 batch norms x 5 entries + 53 convs + fc weight and bias = 320 keys in torchvision's resnet50 state dict.
        Assert.AreEqual(320, sd.Count);
        CollectionAssert.AreEqual(new[] { 256, 64, 1, 1 }, sd["layer1.0.conv3.weight"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 256, 64, 1, 1 }, sd["layer1.0.downsample.0.weight"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 128, 128, 3, 3 }, sd["layer2.0.conv2.weight"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 2048 }, sd["layer4.2.bn3.running_var"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 1000, 2048 }, sd["fc.weight"].ShapeArray);
        Assert.IsFalse(sd.ContainsKey("layer1.1.downsample.0.weight"));
        Assert.AreEqual(2048, model.FeatureDim);
    }

    [TestMethod]
    public void Constructor_WidthMultiplierQuarter_ScalesEveryStage()
    {
        using var model = ResNet.ResNet18(numClasses: 5, widthMultiplier: 0.25, includeTop: false);
        var sd = model.StateDict();
        CollectionAssert.AreEqual(new[] { 16, 3, 7, 7 }, sd["conv1.weight"].ShapeArray);
        CollectionAssert.AreEqual(new[] { 128, 128, 3, 3 }, sd["layer4.1.conv2.weight"].ShapeArray);
        Assert.IsFalse(sd.Keys.Any(k => k.StartsWith("fc.", StringComparison.Ordinal)), "a feature extractor has no fc");
        Assert.AreEqual(128, model.FeatureDim);
    }

    [TestMethod]
    public void Constructor_SameSeed_SameWeights_DifferentSeed_DifferentWeights()
    {
        using var a = ResNet.ResNet18(widthMultiplier: 0.125, generator: new Generator(7));
        using var b = ResNet.ResNet18(widthMultiplier: 0.125, generator: new Generator(7));
        using var c = ResNet.ResNet18(widthMultiplier: 0.125, generator: new Generator(8));
        CollectionAssert.AreEqual(a.GetParameter("layer2.0.conv1.weight").ToArray(), b.GetParameter("layer2.0.conv1.weight").ToArray());
        CollectionAssert.AreNotEqual(a.GetParameter("layer2.0.conv1.weight").ToArray(), c.GetParameter("layer2.0.conv1.weight").ToArray());
    }

    [TestMethod]
    public void Constructor_TorchvisionInit_KaimingFanOutConvsAndUnitBatchNorm()
    {
        using var model = ResNet.ResNet50(generator: new Generator(3));
        // kaiming_normal_(mode="fan_out", nonlinearity="relu"): std = sqrt(2 / (out * kh * kw)).
        var w = model.GetParameter("layer3.0.conv2.weight");   // (256, 256, 3, 3)
        double expectedStd = Math.Sqrt(2.0 / (256 * 9));
        double sum = 0, sumSq = 0;
        foreach (float v in w.Data) { sum += v; sumSq += (double)v * v; }
        double mean = sum / w.Count, std = Math.Sqrt(sumSq / w.Count - mean * mean);
        Assert.AreEqual(expectedStd, std, expectedStd * 0.02, "conv weight std");
        Assert.IsTrue(model.GetParameter("layer3.0.bn2.weight").ToArray().All(v => v == 1f));
        Assert.IsTrue(model.GetParameter("layer3.0.bn2.bias").ToArray().All(v => v == 0f));
    }

    // The fixtures store all parameters (named_parameters order), then all buffers (named_buffers order).
    private static void AssertSameKeys(Fixture fixture, Module model)
    {
        var expected = FixtureState.KeysAndShapes(fixture);
        var actual = model.NamedParameters().Concat(model.NamedBuffers()).Select(kv => (kv.Key, kv.Value.ShapeArray)).ToList();
        AssertSameList(expected, actual, model.GetType().Name);
        Assert.AreEqual(expected.Count, model.StateDict().Count, "state-dict size");
    }

    private static void AssertSameList(List<(string Key, int[] Shape)> expected, List<(string Key, int[] Shape)> actual, string what)
    {
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.AreEqual(expected[i].Key, actual[i].Key, $"{what}: key #{i}");
            CollectionAssert.AreEqual(expected[i].Shape, actual[i].Shape, $"{what}: shape of {expected[i].Key}");
        }
        Assert.AreEqual(expected.Count, actual.Count, $"{what}: number of state-dict entries");
    }
}
