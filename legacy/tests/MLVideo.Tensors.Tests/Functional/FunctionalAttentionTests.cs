using MLVideo.Tensors.Tests.Fixtures;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>ScaledDotProductAttention: fixture parity, masks (additive, broadcast, causal), scale, gradients, errors.</summary>
[TestClass]
public sealed class FunctionalAttentionTests
{
    private static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed));

    /// <summary>Naive attention in double: scores, optional additive mask (full shape), causal, softmax, weighted sum.</summary>
    private static double[] NaiveAttention(Tensor q, Tensor k, Tensor v, Func<int, int, int, double>? mask, bool causal, double scale)
    {
        int l = q.Shape[^2], e = q.Shape[^1], s = k.Shape[^2], ev = v.Shape[^1];
        int batch = q.Count / (l * e);
        float[] qd = q.ToArray(), kd = k.ToArray(), vd = v.ToArray();
        var o = new double[batch * l * ev];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < l; i++)
            {
                var w = new double[s];
                double max = double.NegativeInfinity;
                for (int j = 0; j < s; j++)
                {
                    double x = 0;
                    for (int t = 0; t < e; t++) x += (double)qd[(b * l + i) * e + t] * kd[(b * s + j) * e + t];
                    x *= scale;
                    if (mask is not null) x += mask(b, i, j);
                    if (causal && j > i) x = double.NegativeInfinity;
                    w[j] = x;
                    max = Math.Max(max, x);
                }
                double sum = 0;
                for (int j = 0; j < s; j++) sum += w[j] = Math.Exp(w[j] - max);
                for (int j = 0; j < s; j++)
                    for (int t = 0; t < ev; t++) o[(b * l + i) * ev + t] += w[j] / sum * vd[(b * s + j) * ev + t];
            }
        return o;
    }

    private static void AssertClose(double[] expected, Tensor actual, string what)
    {
        var a = actual.Data;
        Assert.AreEqual(expected.Length, a.Length, $"{what}: length");
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], a[i], 1e-5 * (1 + Math.Abs(expected[i])), $"{what}: element {i}");
    }

    [TestMethod]
    public void ScaledDotProductAttention_MatchesPyTorchFixture()
    {
        var f = Fixture.Load("scaled_dot_product_attention");
        using var q = f.Get("in.q").RequiresGrad_();
        using var k = f.Get("in.k").RequiresGrad_();
        using var v = f.Get("in.v").RequiresGrad_();
        var y = F.ScaledDotProductAttention(q, k, v);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.q", q.Grad!);
        f.AssertClose("grad.in.k", k.Grad!);
        f.AssertClose("grad.in.v", v.Grad!);
    }

    [TestMethod]
    public void ScaledDotProductAttention_NoMask_MatchesNaive()
    {
        using var q = Random(1, 2, 3, 5, 4);
        using var k = Random(2, 2, 3, 7, 4);
        using var v = Random(3, 2, 3, 7, 6);
        using var y = F.ScaledDotProductAttention(q, k, v);
        CollectionAssert.AreEqual(new[] { 2, 3, 5, 6 }, y.ShapeArray);
        AssertClose(NaiveAttention(q, k, v, null, false, 1 / Math.Sqrt(4)), y, "no mask");
    }

    [TestMethod]
    public void ScaledDotProductAttention_BroadcastMaskAndScale_MatchesNaive()
    {
        using var q = Random(4, 2, 3, 5, 4);
        using var k = Random(5, 2, 3, 7, 4);
        using var v = Random(6, 2, 3, 7, 6);
        using var mask = Random(7, 3, 1, 7); // broadcasts over the batch and the query positions
        float[] md = mask.ToArray();
        using var y = F.ScaledDotProductAttention(q, k, v, mask, scale: 0.3f);
        AssertClose(NaiveAttention(q, k, v, (b, i, j) => md[(b % 3) * 7 + j], false, 0.3), y, "mask (3, 1, 7)");
    }

    [TestMethod]
    public void ScaledDotProductAttention_Causal_MatchesNaiveAndInfiniteMask()
    {
        using var q = Random(8, 2, 6, 4);
        using var k = Random(9, 2, 5, 4);
        using var v = Random(10, 2, 5, 3);
        using var y = F.ScaledDotProductAttention(q, k, v, isCausal: true);
        AssertClose(NaiveAttention(q, k, v, null, true, 0.5), y, "causal");
        using var mask = Tensor.Zeros(6, 5);
        for (int i = 0; i < 6; i++)
            for (int j = i + 1; j < 5; j++) mask[i, j] = float.NegativeInfinity;
        using var masked = F.ScaledDotProductAttention(q, k, v, mask);
        CollectionAssert.AreEqual(y.ToArray(), masked.ToArray(), "causal = explicit -inf mask");
    }

    [TestMethod]
    public void ScaledDotProductAttention_GradCheck()
    {
        using var q = Random(11, 2, 3, 4).RequiresGrad_();
        using var k = Random(12, 2, 5, 4).RequiresGrad_();
        using var v = Random(13, 2, 5, 3).RequiresGrad_();
        GradCheck.Check(t => F.ScaledDotProductAttention(t[0], t[1], t[2]), [q, k, v]);
    }

    [TestMethod]
    public void ScaledDotProductAttention_CausalGradCheck()
    {
        using var q = Random(14, 1, 2, 4, 3).RequiresGrad_();
        using var k = Random(15, 1, 2, 4, 3).RequiresGrad_();
        using var v = Random(16, 1, 2, 4, 2).RequiresGrad_();
        GradCheck.Check(t => F.ScaledDotProductAttention(t[0], t[1], t[2], isCausal: true, scale: 0.7f), [q, k, v]);
    }

    [TestMethod]
    public void ScaledDotProductAttention_MaskGradCheck()
    {
        using var q = Random(17, 2, 3, 4).RequiresGrad_();
        using var k = Random(18, 2, 5, 4).RequiresGrad_();
        using var v = Random(19, 2, 5, 3).RequiresGrad_();
        using var mask = Random(20, 3, 5).RequiresGrad_(); // broadcast over the batch: its gradient is summed back
        GradCheck.Check(t => F.ScaledDotProductAttention(t[0], t[1], t[2], t[3]), [q, k, v, mask]);
        CollectionAssert.AreEqual(new[] { 3, 5 }, mask.Grad!.ShapeArray);
    }

    [TestMethod]
    public void ScaledDotProductAttention_CountsMacs()
    {
        using var q = Random(1, 2, 5, 4);
        using var k = Random(2, 2, 7, 4);
        using var v = Random(3, 2, 7, 6);
        using var counter = MacCounter.Start();
        using (F.ScaledDotProductAttention(q, k, v)) { }
        Assert.AreEqual(2L * 5 * 7 * (4 + 6), counter.ByOp["attention"]);
    }

    [TestMethod]
    public void ScaledDotProductAttention_BadShapes_Throw()
    {
        using var q = Tensor.Zeros(2, 5, 4);
        using var k = Tensor.Zeros(2, 7, 4);
        using var v = Tensor.Zeros(2, 7, 6);
        using var kBadE = Tensor.Zeros(2, 7, 3);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => F.ScaledDotProductAttention(q, kBadE, v)).Message, "embedding size");
        using var vBadS = Tensor.Zeros(2, 6, 6);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => F.ScaledDotProductAttention(q, k, vBadS)).Message, "positions");
        using var kBatch = Tensor.Zeros(3, 7, 4);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => F.ScaledDotProductAttention(q, kBatch, v)).Message, "leading");
        using var k4 = Tensor.Zeros(1, 2, 7, 4);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => F.ScaledDotProductAttention(q, k4, v)).Message, "rank");
        using var badMask = Tensor.Zeros(5, 6);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => F.ScaledDotProductAttention(q, k, v, badMask)).Message, "[5, 6]");
        using var mask = Tensor.Zeros(5, 7);
        Assert.ThrowsExactly<ArgumentException>(() => F.ScaledDotProductAttention(q, k, v, mask, isCausal: true));
    }
}
