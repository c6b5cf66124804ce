using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class ParameterGroupsTests
{
    [TestMethod]
    public void Official_TinyMotionNet_GroupsByNameWithOfficialMultipliers()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var groups = ParameterGroups.Official(model);
        var byName = groups.ToDictionary(g => g.Name);
        CollectionAssert.AreEqual(new[] { "first_conv_weight", "normal_weight", "normal_bias", "lr5_weight", "lr10_bias", "bn" }, groups.Select(g => g.Name).ToArray(),
            "official order; conv1 has no bias, so first_conv_bias is left out");
        CollectionAssert.AreEqual(new[] { "conv1.weight" }, byName["first_conv_weight"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "conv2.weight" }, byName["normal_weight"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "conv2.bias" }, byName["normal_bias"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "fc.weight" }, byName["lr5_weight"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "fc.bias" }, byName["lr10_bias"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "bn1.weight", "bn1.bias" }, byName["bn"].ParameterNames.ToArray());
        Assert.AreEqual((1.0, 1.0), (byName["first_conv_weight"].LearningRateMultiplier, byName["first_conv_weight"].WeightDecayMultiplier));
        Assert.AreEqual((2.0, 0.0), (byName["normal_bias"].LearningRateMultiplier, byName["normal_bias"].WeightDecayMultiplier));
        Assert.AreEqual((5.0, 1.0), (byName["lr5_weight"].LearningRateMultiplier, byName["lr5_weight"].WeightDecayMultiplier));
        Assert.AreEqual((10.0, 0.0), (byName["lr10_bias"].LearningRateMultiplier, byName["lr10_bias"].WeightDecayMultiplier));
        Assert.AreEqual((1.0, 0.0), (byName["bn"].LearningRateMultiplier, byName["bn"].WeightDecayMultiplier), "no decay on batch norm");
    }

    [TestMethod]
    public void Official_WithoutClassifierBoost_LinearJoinsTheNormalGroups()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var byName = ParameterGroups.Official(model, boostClassifier: false).ToDictionary(g => g.Name);
        Assert.IsFalse(byName.ContainsKey("lr5_weight"));
        CollectionAssert.AreEqual(new[] { "conv2.weight", "fc.weight" }, byName["normal_weight"].ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { "conv2.bias", "fc.bias" }, byName["normal_bias"].ParameterNames.ToArray());
    }

    [TestMethod]
    public void Official_FrozenParameter_IsLeftOut()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        model.named_parameters().Single(p => p.name == "conv1.weight").parameter.requires_grad = false;
        var groups = ParameterGroups.Official(model);
        Assert.IsFalse(groups.SelectMany(g => g.ParameterNames).Contains("conv1.weight"));
        Assert.AreEqual("conv2.weight", groups.Single(g => g.Name == "first_conv_weight").ParameterNames.Single(), "the first trainable conv is the first conv");
    }

    [TestMethod]
    public void Single_TinyMotionNet_EveryParameterInOneGroup()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var group = ParameterGroups.Single(model).Single();
        CollectionAssert.AreEqual(model.named_parameters().Select(p => p.name).ToArray(), group.ParameterNames.ToArray());
        Assert.AreEqual((1.0, 1.0), (group.LearningRateMultiplier, group.WeightDecayMultiplier));
    }
}
