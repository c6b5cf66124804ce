using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>Functional.Linear: fixture parity (2-d, 3-d, no bias), a naive reference, gradients, errors.</summary>
[TestClass]
public sealed class FunctionalLinearTests
{
    private static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed));

    [TestMethod]
    [DataRow("linear")]
    [DataRow("linear_3d")]
    [DataRow("linear_nobias")]
    public void Linear_MatchesPyTorchFixture(string caseName)
    {
        var f = Fixture.Load(caseName);
        using var x = f.Get("in.x").RequiresGrad_();
        using var w = f.Get("param.weight").RequiresGrad_();
        using var b = f.Has("param.bias") ? f.Get("param.bias").RequiresGrad_() : null;
        var y = MLVideo.Tensors.Functional.Linear(x, w, b);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        f.AssertClose("grad.param.weight", w.Grad!);
        if (b is not null) f.AssertClose("grad.param.bias", b.Grad!);
    }

    [TestMethod]
    [DataRow(new[] { 33, 70 }, 45, true)]
    [DataRow(new[] { 2, 3, 17 }, 9, false)]
    [DataRow(new[] { 17 }, 5, true)]
    [DataRow(new[] { 1, 64 }, 300, true)]
    public void Linear_MatchesNaiveReference(int[] inputShape, int outFeatures, bool withBias)
    {
        int inFeatures = inputShape[^1];
        using var x = Random(1, inputShape);
        using var w = Random(2, outFeatures, inFeatures);
        using var b = withBias ? Random(3, outFeatures) : null;
        using var y = MLVideo.Tensors.Functional.Linear(x, w, b);
        int[] expectedShape = inputShape[..^1].Append(outFeatures).ToArray();
        CollectionAssert.AreEqual(expectedShape, y.ShapeArray);
        float[] xd = x.ToArray(), wd = w.ToArray(), yd = y.ToArray();
        float[]? bd = b?.ToArray();
        int rows = xd.Length / inFeatures;
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outFeatures; o++)
            {
                double s = bd?[o] ?? 0;
                for (int i = 0; i < inFeatures; i++) s += (double)xd[r * inFeatures + i] * wd[o * inFeatures + i];
                Assert.AreEqual(s, yd[r * outFeatures + o], 1e-4 * (1 + Math.Abs(s)), $"row {r} out {o}");
            }
    }

    [TestMethod]
    [DataRow(new[] { 3, 5 }, true)]
    [DataRow(new[] { 3, 5 }, false)]
    [DataRow(new[] { 2, 2, 5 }, true)]
    [DataRow(new[] { 5 }, true)]
    public void Linear_GradCheck(int[] inputShape, bool withBias)
    {
        using var x = Random(4, inputShape).RequiresGrad_();
        using var w = Random(5, 4, 5).RequiresGrad_();
        using var b = withBias ? Random(6, 4).RequiresGrad_() : null;
        if (b is null)
            GradCheck.Check(t => MLVideo.Tensors.Functional.Linear(t[0], t[1]), [x, w]);
        else
            GradCheck.Check(t => MLVideo.Tensors.Functional.Linear(t[0], t[1], t[2]), [x, w, b]);
    }

    [TestMethod]
    public void Linear_CountsMacs()
    {
        using var x = Random(1, 2, 3, 8);
        using var w = Random(2, 5, 8);
        using var counter = MacCounter.Start();
        using (MLVideo.Tensors.Functional.Linear(x, w)) { }
        Assert.AreEqual(2L * 3 * 8 * 5, counter.ByOp["linear"]);
    }

    [TestMethod]
    public void Linear_BadShapes_ThrowWithShapes()
    {
        using var x = Tensor.Zeros(4, 20);
        using var w = Tensor.Zeros(12, 19);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.Linear(x, w));
        StringAssert.Contains(e.Message, "Linear");
        StringAssert.Contains(e.Message, "[4, 20]");
        StringAssert.Contains(e.Message, "[12, 19]");
        using var w3 = Tensor.Zeros(1, 12, 20);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.Linear(x, w3)).Message, "2-d");
        using var w2 = Tensor.Zeros(12, 20);
        using var bias = Tensor.Zeros(11);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.Linear(x, w2, bias)).Message, "bias [11]");
    }
}
