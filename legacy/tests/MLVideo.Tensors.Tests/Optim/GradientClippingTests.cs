using MLVideo.Tensors.Optim;

namespace MLVideo.Tensors.Tests.Optim;

/// <summary><see cref="GradientClipping.ClipGradNorm"/> against hand-computed norms (torch.nn.utils.clip_grad_norm_ semantics).</summary>
[TestClass]
public sealed class GradientClippingTests
{
    private static Tensor WithGrad(params float[] grad)
    {
        var p = new Tensor(grad.Length).RequiresGrad_();
        p.Grad = Tensor.FromArray(grad, grad.Length);
        return p;
    }

    [TestMethod]
    public void ClipGradNorm_AboveMax_ScalesAllGradientsTogether()
    {
        var a = WithGrad(3, 4);
        var b = WithGrad(12);
        float total = GradientClipping.ClipGradNorm([a, b], 6.5);
        Assert.AreEqual(13f, total, 1e-6f);                 // sqrt(9 + 16 + 144)
        float coef = 6.5f / (13f + 1e-6f);
        CollectionAssert.AreEqual(new[] { 3 * coef, 4 * coef }, a.Grad!.ToArray());
        Assert.AreEqual(12 * coef, b.Grad!.Data[0]);
    }

    [TestMethod]
    public void ClipGradNorm_BelowMax_LeavesGradientsAndReturnsNorm()
    {
        var a = WithGrad(3, 4);
        float total = GradientClipping.ClipGradNorm([a], 20);
        Assert.AreEqual(5f, total, 1e-6f);
        CollectionAssert.AreEqual(new[] { 3f, 4f }, a.Grad!.ToArray());
    }

    [TestMethod]
    public void ClipGradNorm_InfinityNorm_UsesLargestMagnitude()
    {
        var a = WithGrad(1, -8);
        var b = WithGrad(2);
        float total = GradientClipping.ClipGradNorm([a, b], 4, double.PositiveInfinity);
        Assert.AreEqual(8f, total);
        Assert.AreEqual(-8f * 4f / (8f + 1e-6f), a.Grad!.Data[1], 1e-6f);
    }

    [TestMethod]
    public void ClipGradNorm_OneNorm_SumsAbsoluteValues()
    {
        var a = WithGrad(1, -2);
        var b = WithGrad(3);
        Assert.AreEqual(6f, GradientClipping.ClipGradNorm([a, b], 100, 1), 1e-6f);
    }

    [TestMethod]
    public void ClipGradNorm_LongGradient_MatchesDoubleReference()
    {
        var g = new Generator(5);
        var p = new Tensor(10_001).RequiresGrad_();
        p.Grad = Tensor.Randn([10_001], g);
        double expected = Math.Sqrt(p.Grad.ToArray().Sum(v => (double)v * v));
        Assert.AreEqual(expected, GradientClipping.ClipGradNorm([p], 1e9), expected * 1e-6);
    }

    [TestMethod]
    public void ClipGradNorm_NoGradients_ReturnsZero()
    {
        var p = new Tensor(3).RequiresGrad_();
        Assert.AreEqual(0f, GradientClipping.ClipGradNorm([p], 1));
    }

    [TestMethod]
    public void ClipGradNorm_NonFinite_ThrowsWhenAsked()
    {
        var a = WithGrad(float.NaN, 1);
        Assert.ThrowsExactly<InvalidOperationException>(() => GradientClipping.ClipGradNorm([a], 1, errorIfNonfinite: true));
        Assert.IsTrue(float.IsNaN(GradientClipping.ClipGradNorm([a], 1)));
    }
}
