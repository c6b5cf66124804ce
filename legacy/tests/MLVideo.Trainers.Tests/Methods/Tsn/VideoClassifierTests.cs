using MLVideo.Tensors;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Tests.Methods.Tsn;

/// <summary>The TSN head shared by TSN/TSM/GSF: names, consensus, input layouts, init.</summary>
[TestClass]
public sealed class VideoClassifierTests
{
    private static VideoClassifier Tiny(VideoMethod method = VideoMethod.Tsn, Backbone backbone = Backbone.ResNet18, int segments = 4) =>
        VideoModelFactory.Create(new VideoModelOptions
        {
            Method = method, Backbone = backbone, WidthMultiplier = 0.125, NumClasses = 5, NumSegments = segments, Seed = 11,
        });

    [TestMethod]
    public void StateDict_Tsn_HasOfficialBaseModelAndNewFcNames()
    {
        using var model = Tiny();
        var keys = model.StateDict().Keys.ToList();
        Assert.AreEqual("base_model.conv1.weight", keys[0]);
        CollectionAssert.Contains(keys, "base_model.layer4.1.bn2.running_var");
        Assert.AreEqual("new_fc.weight", keys[^2]);
        Assert.AreEqual("new_fc.bias", keys[^1]);
        Assert.IsFalse(keys.Any(k => k.StartsWith("base_model.fc.", StringComparison.Ordinal)), "base_model.fc is dropout (no keys)");
        CollectionAssert.AreEqual(new[] { 5, 64 }, model.NewFc.Weight.ShapeArray);
    }

    [TestMethod]
    public void Forward_Eval_IsMeanOfPerFrameLogits()
    {
        using var model = Tiny();
        model.Eval();
        var x = Tensor.Randn([2 * 4, 3, 32, 32], new Generator(1));
        var logits = model.Forward(x);
        CollectionAssert.AreEqual(new[] { 2, 5 }, logits.ShapeArray);
        var perFrame = model.NewFc.Forward(model.BaseModel.Forward(x));   // (8, 5)
        for (int n = 0; n < 2; n++)
            for (int k = 0; k < 5; k++)
            {
                double mean = 0;
                for (int t = 0; t < 4; t++) mean += perFrame[n * 4 + t, k];
                Assert.AreEqual(mean / 4, logits[n, k], 1e-5);
            }
    }

    [TestMethod]
    [DataRow(VideoMethod.Tsn)]
    [DataRow(VideoMethod.Tsm)]
    [DataRow(VideoMethod.Gsf)]
    public void Forward_FiveDimensionalInput_EqualsFoldedFrames(VideoMethod method)
    {
        using var model = Tiny(method);
        model.Eval();
        var clip = Tensor.Randn([2, 3, 4, 32, 32], new Generator(2));          // (N, C, T, H, W)
        var frames = clip.Permute(0, 2, 1, 3, 4).Reshape(8, 3, 32, 32);       // (N*T, C, H, W)
        CollectionAssert.AreEqual(model.Forward(frames).ToArray(), model.Forward(clip).ToArray());
    }

    [TestMethod]
    public void Forward_Train_GradientsReachBackboneAndHead()
    {
        using var model = Tiny(VideoMethod.Gsf);
        var logits = model.Forward(Tensor.Randn([4, 3, 32, 32], new Generator(3)));
        var loss = Functional.CrossEntropy(logits, [2]);
        loss.Backward();
        Assert.IsNotNull(model.NewFc.Weight.Grad);
        Assert.IsNotNull(model.GetParameter("base_model.conv1.weight").Grad);
        Assert.IsNotNull(model.GetParameter("base_model.layer1.0.gsf.conv3D.weight").Grad);
    }

    [TestMethod]
    public void Forward_FrameCountNotMultipleOfSegments_Throws()
    {
        using var model = Tiny();
        var ex = Assert.ThrowsExactly<ShapeMismatchException>(() => model.Forward(Tensor.Zeros(6, 3, 32, 32)));
        StringAssert.Contains(ex.Message, "[6, 3, 32, 32]");
        Assert.ThrowsExactly<ShapeMismatchException>(() => model.Forward(Tensor.Zeros(1, 3, 5, 32, 32)));
    }

    [TestMethod]
    public void Constructor_NewFc_InitialisedWithStd0001AndZeroBias()
    {
        using var model = VideoModelFactory.Create(new VideoModelOptions { Backbone = Backbone.ResNet18, NumClasses = 400, Seed = 5 });
        var w = model.NewFc.Weight.ToArray();
        double std = Math.Sqrt(w.Select(v => (double)v * v).Average());
        Assert.AreEqual(0.001, std, 0.0001);
        Assert.IsTrue(model.NewFc.Bias!.ToArray().All(v => v == 0f));
    }

    [TestMethod]
    public void Create_SameSeed_SameWeights()
    {
        using var a = Tiny(VideoMethod.Tsm);
        using var b = Tiny(VideoMethod.Tsm);
        foreach (var (key, t) in a.StateDict())
            CollectionAssert.AreEqual(t.ToArray(), b.StateDict()[key].ToArray(), key);
    }

    [TestMethod]
    public void Forward_MobileNetV2Tsm_ProducesLogits()
    {
        using var model = Tiny(VideoMethod.Tsm, Backbone.MobileNetV2, segments: 2);
        model.Eval();
        var logits = model.Forward(Tensor.Randn([2, 3, 32, 32], new Generator(9)));
        CollectionAssert.AreEqual(new[] { 1, 5 }, logits.ShapeArray);
    }
}
