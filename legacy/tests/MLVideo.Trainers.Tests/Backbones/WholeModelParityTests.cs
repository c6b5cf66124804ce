using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Tests.Fixtures;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Backbones;

/// <summary>
/// Whole torchvision models in eval mode against PyTorch (fixtures <c>resnet18</c>, <c>mobilenet_v2</c>,
/// <c>r3d_18</c>, read from ../shared/fixtures): logits elementwise within the case tolerance, and the input
/// gradient by relative L2 (README section 4: a near-zero ReLU may flip between implementations).
/// </summary>
[TestClass]
public sealed class WholeModelParityTests
{
    // PyTorch's own float32-vs-float64 relative L2 on these gradients is ~1e-6; 1e-4 still fails on any real bug.
    private const double GradientRelativeL2 = 1e-4;

    [TestMethod]
    public void Forward_ResNet18Eval_MatchesPyTorch()
    {
        var f = Fixture.LoadShared("resnet18");
        using var model = ResNet.ResNet18(numClasses: 1000);
        model.LoadStateDict(FixtureState.Of(f));
        CheckEval(f, model);
    }

    [TestMethod]
    public void Forward_MobileNetV2Eval_MatchesPyTorch()
    {
        var f = Fixture.LoadShared("mobilenet_v2");
        using var model = new MobileNetV2(numClasses: 1000);
        model.LoadStateDict(FixtureState.Of(f));
        model.Eval();
        var x = f.Get("in.x").RequiresGrad_();
        var logits = model.Forward(x);
        f.AssertClose("out.logits", logits);
        logits.Backward(f.Get("gout.logits"));
        // Sample 0 must match tightly. Sample 1 has one ReLU6 input (features.10.conv.1, element 2689) at -1.9e-6,
        // i.e. zero within float32 rounding, which lands on the other side than in PyTorch; that single flip moves
        // the input gradient by ~1% (relative L2). The test below proves that this flip is the only difference.
        Assert.IsTrue(SampleRelativeL2(f, x.Grad!, 0) <= GradientRelativeL2, $"sample 0: {SampleRelativeL2(f, x.Grad!, 0):G3}");
        Assert.IsTrue(SampleRelativeL2(f, x.Grad!, 1) <= 2e-2, $"sample 1: {SampleRelativeL2(f, x.Grad!, 1):G3}");
    }

    [TestMethod]
    public void Backward_MobileNetV2Sample1_OnlyDifferenceIsOneNearZeroReLU6()
    {
        var f = Fixture.LoadShared("mobilenet_v2");
        using var model = new MobileNetV2(numClasses: 1000);
        model.LoadStateDict(FixtureState.Of(f));
        model.Eval();
        var x = f.Get("in.x").Slice(0, 1, 2).Clone().RequiresGrad_();
        var h = x;
        foreach (var (name, layer) in model.Features.NamedChildren())
        {
            if (name != "10") { h = layer.Forward(h); continue; }
            // Re-run block 10 by hand, nudging the one pre-activation that sits within rounding error of 0.
            var block = (InvertedResidual)layer;
            var expanded = block.Conv[0].Forward(h);
            var depthwise = (LayerChain)block.Conv[1];
            var pre = depthwise[1].Forward(depthwise[0].Forward(expanded));
            Assert.IsTrue(Math.Abs(pre.Data[2689]) < 1e-5f, $"expected the near-zero pre-activation, got {pre.Data[2689]:G6}");
            var nudge = Tensor.Zeros(pre.ShapeArray);
            nudge.Data[2689] = 4e-6f;
            var y = depthwise[2].Forward(pre + nudge);
            y = block.Conv[3].Forward(block.Conv[2].Forward(y));
            h = block.UsesResidual ? h + y : y;
        }
        var logits = model.Head!.Forward(Functional.AdaptiveAvgPool2d(h, 1).Flatten(1));
        logits.Backward(f.Get("gout.logits").Slice(0, 1, 2).Clone());
        var full = Tensor.Zeros(f.ShapeOf("grad.in.x"));
        x.Grad!.Data.CopyTo(full.Data[x.Count..]);
        Assert.IsTrue(SampleRelativeL2(f, full, 1) <= GradientRelativeL2, $"sample 1 after the nudge: {SampleRelativeL2(f, full, 1):G3}");
    }

    private static double SampleRelativeL2(Fixture f, Tensor grad, int sample)
    {
        var expected = f.Get("grad.in.x").Data;
        int per = grad.Count / grad.Size(0);
        double num = 0, den = 0;
        for (int i = sample * per; i < (sample + 1) * per; i++)
        {
            double d = (double)grad.Data[i] - expected[i];
            num += d * d;
            den += (double)expected[i] * expected[i];
        }
        return Math.Sqrt(num / den);
    }

    [TestMethod]
    public void Forward_R3d18EvalWithGeneratedWeights_MatchesPyTorch()
    {
        var f = Fixture.LoadShared("r3d_18");
        using var model = VideoResNet.R3d18(numClasses: 400);
        var weights = R3dWeightGenerator.Generate(f.Config);
        var report = model.LoadStateDict(weights, strict: false);
        // Only num_batches_tracked is not generated (irrelevant in eval mode); anything else missing is a bug.
        Assert.IsTrue(report.MissingKeys.All(k => k.EndsWith("num_batches_tracked", StringComparison.Ordinal)), report.ToString());
        Assert.AreEqual(0, report.UnexpectedKeys.Count, report.ToString());
        Assert.AreEqual(0, report.MisShapedKeys.Count, report.ToString());
        CheckEval(f, model);
    }

    [TestMethod]
    public void Generate_R3d18Table_MatchesStoredHeadsAndSums()
    {
        var f = Fixture.LoadShared("r3d_18");
        var weights = R3dWeightGenerator.Generate(f.Config);
        int checkedTensors = 0;
        foreach (var (key, tensor) in weights)
        {
            if (!f.Has("check.head." + key)) continue;
            var head = f.Get("check.head." + key).ToArray();
            CollectionAssert.AreEqual(head, tensor.Data[..head.Length].ToArray(), $"first values of {key}");
            double sum = 0;
            foreach (float v in tensor.Data) sum += v;
            float expectedSum = f.Get("check.sum." + key).Item();
            Assert.AreEqual(expectedSum, sum, 1e-5 * Math.Max(1, Math.Abs(expectedSum)), $"sum of {key}");
            checkedTensors++;
        }
        Assert.AreEqual(weights.Count, checkedTensors, "every generated tensor has a check entry");
    }

    private static void CheckEval(Fixture f, Module model)
    {
        model.Eval();
        var x = f.Get("in.x").RequiresGrad_();
        var logits = model.Forward(x);
        f.AssertClose("out.logits", logits);
        logits.Backward(f.Get("gout.logits"));
        Assert.IsNotNull(x.Grad, "no gradient reached the input");
        f.AssertRelativeL2("grad.in.x", x.Grad!, GradientRelativeL2);
    }
}
