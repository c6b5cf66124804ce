using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>Cross-entropy (class indices and soft targets) and Gumbel-softmax (Functional.Loss.cs).</summary>
[TestClass]
public sealed class LossTests
{
    private static int[] Targets(Fixture f) => f.GetInt64("in.target").Select(v => (int)v).ToArray();

    [TestMethod]
    public void CrossEntropy_MeanFixture_MatchesPyTorch()
    {
        var f = Fixture.Load("cross_entropy_mean");
        var x = f.Get("in.logits").RequiresGrad_();
        var loss = MLVideo.Tensors.Functional.CrossEntropy(x, Targets(f));
        f.AssertClose("out.loss", loss);
        loss.Backward(f.Get("gout.loss"));
        f.AssertClose("grad.in.logits", x.Grad!);
    }

    [TestMethod]
    public void CrossEntropy_LabelSmoothingFixture_MatchesPyTorch()
    {
        var f = Fixture.Load("cross_entropy_label_smoothing");
        Assert.AreEqual(0.1, f.Config.GetProperty("label_smoothing").GetDouble(), 1e-12);
        var x = f.Get("in.logits").RequiresGrad_();
        var loss = MLVideo.Tensors.Functional.CrossEntropy(x, Targets(f), labelSmoothing: 0.1f);
        f.AssertClose("out.loss", loss);
        loss.Backward(f.Get("gout.loss"));
        f.AssertClose("grad.in.logits", x.Grad!);
    }

    [TestMethod]
    public void CrossEntropy_SoftTargetsFixture_MatchesPyTorch()
    {
        var f = Fixture.Load("cross_entropy_soft_targets");
        var x = f.Get("in.logits").RequiresGrad_();
        var loss = MLVideo.Tensors.Functional.CrossEntropy(x, f.Get("in.target"));
        f.AssertClose("out.loss", loss);
        loss.Backward(f.Get("gout.loss"));
        f.AssertClose("grad.in.logits", x.Grad!);
    }

    /// <summary>Per-sample reference in double: (1 - e) * -logp[t] + e / K * -sum logp.</summary>
    private static double[] NaiveLosses(Tensor logits, int[] targets, double e)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < k; j++) max = Math.Max(max, logits[i, j]);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(logits[i, j] - max);
            double lse = max + Math.Log(sum), all = 0;
            for (int j = 0; j < k; j++) all += logits[i, j] - lse;
            result[i] = (1 - e) * -(logits[i, targets[i]] - lse) + e / k * -all;
        }
        return result;
    }

    [TestMethod]
    public void CrossEntropy_AllReductions_MatchNaive()
    {
        var gen = new Generator(61);
        var x = Tensor.Randn([7, 5], gen) * 3f;
        int[] t = [0, 4, 2, 2, 1, 3, 0];
        foreach (float e in new[] { 0f, 0.2f, 1f })
        {
            double[] expected = NaiveLosses(x, t, e);
            var none = MLVideo.Tensors.Functional.CrossEntropy(x, t, e, Reduction.None);
            CollectionAssert.AreEqual(new[] { 7 }, none.ShapeArray);
            for (int i = 0; i < 7; i++) Assert.AreEqual(expected[i], none.Data[i], 1e-5, $"e {e} sample {i}");
            Assert.AreEqual(expected.Sum(), MLVideo.Tensors.Functional.CrossEntropy(x, t, e, Reduction.Sum).Item(), 1e-4);
            var mean = MLVideo.Tensors.Functional.CrossEntropy(x, t, e);
            Assert.AreEqual(0, mean.Rank);
            Assert.AreEqual(expected.Average(), mean.Item(), 1e-5);
        }
    }

    [TestMethod]
    public void CrossEntropy_SoftOneHotTargets_EqualIndexTargets()
    {
        var gen = new Generator(62);
        var x = Tensor.Randn([4, 6], gen);
        int[] t = [5, 0, 3, 3];
        var oneHot = new Tensor(4, 6);
        for (int i = 0; i < 4; i++) oneHot[i, t[i]] = 1f;
        foreach (float e in new[] { 0f, 0.3f })
            Assert.AreEqual(MLVideo.Tensors.Functional.CrossEntropy(x, t, e).Item(), MLVideo.Tensors.Functional.CrossEntropy(x, oneHot, e).Item(), 1e-5);
    }

    [TestMethod]
    public void CrossEntropy_GradCheck()
    {
        var gen = new Generator(63);
        var x = Tensor.Randn([3, 4], gen).RequiresGrad_();
        int[] t = [1, 3, 0];
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
            foreach (float e in new[] { 0f, 0.25f })
                GradCheck.Check(a => MLVideo.Tensors.Functional.CrossEntropy(a[0], t, e, reduction), [x], eps: 1e-3);
        var soft = Tensor.Rand([3, 4], 0.1f, 1f, gen).RequiresGrad_();
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
            foreach (float e in new[] { 0f, 0.25f })
                GradCheck.Check(a => MLVideo.Tensors.Functional.CrossEntropy(a[0], a[1], e, reduction), [x, soft], eps: 1e-3);
    }

    /// <summary>(N, K, T) logits equal (N*T, K) logits after moving the class dimension last, for every reduction and both target kinds.</summary>
    [TestMethod]
    public void CrossEntropy_ExtraDims_EqualFlattenedRows()
    {
        var gen = new Generator(65);
        var x = Tensor.Randn([2, 4, 3], gen).RequiresGrad_();
        int[] t = [3, 0, 1, 2, 2, 0]; // (N, T) row-major
        var soft = Tensor.Rand([2, 4, 3], 0.1f, 1f, gen);
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            var flat = x.Permute(0, 2, 1).Reshape(6, 4);
            var softFlat = soft.Permute(0, 2, 1).Reshape(6, 4);
            var a = MLVideo.Tensors.Functional.CrossEntropy(x, t, 0.2f, reduction);
            var b = MLVideo.Tensors.Functional.CrossEntropy(flat, t, 0.2f, reduction);
            var c = MLVideo.Tensors.Functional.CrossEntropy(x, soft, 0.2f, reduction);
            var d = MLVideo.Tensors.Functional.CrossEntropy(flat, softFlat, 0.2f, reduction);
            CollectionAssert.AreEqual(reduction == Reduction.None ? new[] { 2, 3 } : Array.Empty<int>(), a.ShapeArray);
            for (int i = 0; i < a.Count; i++)
            {
                Assert.AreEqual(b.Data[i], a.Data[i], 1e-5f, $"{reduction} index targets {i}");
                Assert.AreEqual(d.Data[i], c.Data[i], 1e-5f, $"{reduction} soft targets {i}");
            }
            GradCheck.Check(z => MLVideo.Tensors.Functional.CrossEntropy(z[0], t, 0.2f, reduction), [x], eps: 1e-3);
            GradCheck.Check(z => MLVideo.Tensors.Functional.CrossEntropy(z[0], z[1], 0.2f, reduction), [x, soft.RequiresGrad_()], eps: 1e-3);
            soft.RequiresGrad = false;
        }
    }

    [TestMethod]
    public void CrossEntropy_HugeLogits_FiniteLossAndGradient()
    {
        var x = Tensor.FromArray([1000f, -1000f, 0f, 0f, 3e4f, 0f], 2, 3).RequiresGrad_();
        var loss = MLVideo.Tensors.Functional.CrossEntropy(x, [1, 0]);
        Assert.IsTrue(float.IsFinite(loss.Item()));
        Assert.AreEqual((2000f + 3e4f) / 2f, loss.Item(), 1e-3f); // -log p = 2000 and 30000
        loss.Backward();
        Assert.IsTrue(x.Grad!.AllFinite());
    }

    [TestMethod]
    public void CrossEntropy_TargetOutOfRange_ThrowsNamingTargetSampleAndClasses()
    {
        using var x = new Tensor(3, 4);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, [0, 4, 1]));
        StringAssert.Contains(ex.Message, "target 4 of sample 1");
        StringAssert.Contains(ex.Message, "4 classes");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, [0, -1, 1]));
    }

    [TestMethod]
    public void CrossEntropy_BadShapesAndArguments_Throw()
    {
        using var x = new Tensor(3, 4);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, [0, 1])).Message, "2 targets");
        using var x1 = new Tensor(4);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.CrossEntropy(x1, [0])).Message, "[4]");
        using var x3 = new Tensor(2, 3, 4);
        var ex3 = Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.CrossEntropy(x3, [0, 1]));
        StringAssert.Contains(ex3.Message, "[2, 3, 4]");
        StringAssert.Contains(ex3.Message, "8 samples");
        using var soft = new Tensor(3, 5);
        var ex = Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, soft));
        StringAssert.Contains(ex.Message, "[3, 5]");
        StringAssert.Contains(ex.Message, "[3, 4]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, [0, 1, 2], labelSmoothing: 1.5f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.CrossEntropy(x, [0, 1, 2], labelSmoothing: float.NaN));
    }

    [TestMethod]
    public void GumbelSoftmax_HardFixture_MatchesPyTorch()
    {
        var f = Fixture.Load("gumbel_softmax_hard");
        var logits = f.Get("in.logits").RequiresGrad_();
        var y = MLVideo.Tensors.Functional.GumbelSoftmax(logits, f.Get("in.gumbel_g"), tau: 0.67f, hard: true, dim: -1);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.logits", logits.Grad!);
    }

    [TestMethod]
    public void GumbelSoftmax_SdcomFixture_MatchesOfficialFunction()
    {
        // SDCOM's own gumbel_softmax(logits, tau=5, dim=1) returns y_soft, y_hard (straight-through) and the argmax.
        var f = Fixture.Load("sdcom_gumbel_softmax");
        var logits = f.Get("in.logits").RequiresGrad_();
        var g = f.Get("in.gumbel_g");
        var ySoft = MLVideo.Tensors.Functional.GumbelSoftmax(logits, g, tau: 5f, hard: false, dim: 1);
        var yHard = MLVideo.Tensors.Functional.GumbelSoftmax(logits, g, tau: 5f, hard: true, dim: 1);
        f.AssertClose("out.y_soft", ySoft);
        f.AssertClose("out.y_hard", yHard);
        f.AssertEqualInt64("out.index", ySoft.ArgMax(1).Select(i => (long)i).ToArray());
        var loss = (ySoft * f.Get("gout.y_soft")).Sum() + (yHard * f.Get("gout.y_hard")).Sum();
        loss.Backward();
        f.AssertClose("grad.in.logits", logits.Grad!);
    }

    [TestMethod]
    public void GumbelSoftmax_GradCheck_SoftAndStraightThrough()
    {
        var gen = new Generator(64);
        var logits = Tensor.Randn([3, 5], gen).RequiresGrad_();
        using var noise = MLVideo.Tensors.Functional.GumbelNoise([3, 5], gen);
        GradCheck.Check(a => MLVideo.Tensors.Functional.GumbelSoftmax(a[0], noise, 0.8f, hard: false), [logits], eps: 1e-3);
        GradCheck.Check(a => MLVideo.Tensors.Functional.GumbelSoftmax(a[0], noise, 2f, hard: false, dim: 0), [logits], eps: 1e-3);
        // Straight-through: the hard output's gradient is exactly the soft output's.
        var w = Tensor.Randn([3, 5], gen);
        logits.ZeroGrad();
        MLVideo.Tensors.Functional.GumbelSoftmax(logits, noise, 0.8f, hard: false).Backward(w);
        float[] softGrad = logits.Grad!.ToArray();
        logits.ZeroGrad();
        MLVideo.Tensors.Functional.GumbelSoftmax(logits, noise, 0.8f, hard: true).Backward(w);
        float[] hardGrad = logits.Grad!.ToArray();
        for (int i = 0; i < softGrad.Length; i++) Assert.AreEqual(softGrad[i], hardGrad[i], 1e-6f);
    }

    [TestMethod]
    public void GumbelSoftmax_Hard_IsOneHotWithTiesToFirst()
    {
        using var logits = Tensor.FromArray([1f, 3f, 3f, 0f, 2f, 2f, 2f, 2f], 2, 4);
        using var zero = new Tensor(2, 4);
        var y = MLVideo.Tensors.Functional.GumbelSoftmax(logits, zero, 1f, hard: true);
        CollectionAssert.AreEqual(new float[] { 0, 1, 0, 0, 1, 0, 0, 0 }, y.ToArray());
        var yd = MLVideo.Tensors.Functional.GumbelSoftmax(logits, zero, 1f, hard: true, dim: 0);
        CollectionAssert.AreEqual(new float[] { 0, 1, 1, 0, 1, 0, 0, 1 }, yd.ToArray());
    }

    [TestMethod]
    public void GumbelSoftmax_WithGenerator_DeterministicPerSeed()
    {
        using var logits = Tensor.Randn([4, 6], new Generator(1));
        var a = MLVideo.Tensors.Functional.GumbelSoftmax(logits, 0.5f, hard: false, generator: new Generator(9));
        var b = MLVideo.Tensors.Functional.GumbelSoftmax(logits, 0.5f, hard: false, generator: new Generator(9));
        var c = MLVideo.Tensors.Functional.GumbelSoftmax(logits, 0.5f, hard: false, generator: new Generator(10));
        CollectionAssert.AreEqual(a.ToArray(), b.ToArray());
        CollectionAssert.AreNotEqual(a.ToArray(), c.ToArray());
        for (int i = 0; i < 4; i++)
        {
            double row = 0;
            for (int j = 0; j < 6; j++) row += a[i, j];
            Assert.AreEqual(1.0, row, 1e-5);
        }
        var h = MLVideo.Tensors.Functional.GumbelSoftmax(logits, 0.5f, hard: true, generator: new Generator(9));
        for (int i = 0; i < 4; i++)
            Assert.AreEqual(1f, Enumerable.Range(0, 6).Sum(j => h[i, j]), 1e-6f);
    }

    [TestMethod]
    public void GumbelNoise_HasGumbelMeanAndVariance()
    {
        // Standard Gumbel: mean = Euler-Mascheroni 0.5772, variance = pi^2 / 6.
        using var g = MLVideo.Tensors.Functional.GumbelNoise([200_000], new Generator(5));
        var d = g.ToArray();
        Assert.IsTrue(d.All(float.IsFinite));
        double mean = d.Average(v => (double)v);
        double variance = d.Average(v => (v - mean) * (v - mean));
        Assert.AreEqual(0.5772, mean, 0.01);
        Assert.AreEqual(Math.PI * Math.PI / 6, variance, 0.03);
    }

    [TestMethod]
    public void GumbelSoftmax_BadArguments_Throw()
    {
        using var logits = new Tensor(2, 3);
        using var noise = new Tensor(3, 2);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.GumbelSoftmax(logits, noise, 1f, false)).Message, "GumbelSoftmax");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.GumbelSoftmax(logits, 0f, false));
    }
}
