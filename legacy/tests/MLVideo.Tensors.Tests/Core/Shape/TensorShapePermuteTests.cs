using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>Permute, Transpose, Unsqueeze, Squeeze and Expand (Tensor.Shape.cs).</summary>
[TestClass]
public sealed class TensorShapePermuteTests
{
    [TestMethod]
    public void Permute_Fixture_MatchesPyTorch()
    {
        // Values are only moved, so the fixture's float32 tolerance (atol 1e-6 + 1e-4 rel) is ample.
        var f = Fixture.Load("permute");
        var x = f.Get("in.x").RequiresGrad_();
        var y = x.Permute(0, 2, 1, 3);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    [DataRow(new[] { 2, 3, 4, 5, 6 }, new[] { 0, 2, 1, 3, 4 }, DisplayName = "video (N,T,C,H,W)->(N,C,T,H,W): H*W runs")]
    [DataRow(new[] { 2, 4, 3, 5, 6 }, new[] { 0, 2, 1, 3, 4 }, DisplayName = "video back (N,C,T,H,W)->(N,T,C,H,W)")]
    [DataRow(new[] { 2, 5, 17, 33 }, new[] { 0, 2, 3, 1 }, DisplayName = "NCHW->NHWC: tiled transpose")]
    [DataRow(new[] { 33, 17 }, new[] { 1, 0 }, DisplayName = "2-D transpose, partial tiles")]
    [DataRow(new[] { 3, 1, 4, 1, 5 }, new[] { 4, 3, 2, 1, 0 }, DisplayName = "reverse with size-1 dims")]
    [DataRow(new[] { 2, 3, 4 }, new[] { 2, 0, 1 }, DisplayName = "strided inner dim")]
    [DataRow(new[] { 2, 0, 4 }, new[] { 2, 1, 0 }, DisplayName = "size-0 dim")]
    [DataRow(new[] { 4, 5, 6 }, new[] { 0, 1, 2 }, DisplayName = "identity")]
    [DataRow(new[] { 3, 4, 2, 5 }, new[] { 1, 3, 0, 2 }, DisplayName = "mixed")]
    public void Permute_VariousLayouts_MatchesNaiveReference(int[] shape, int[] perm)
    {
        var x = Random(11, shape);
        var y = x.Permute(perm);
        CollectionAssert.AreEqual(perm.Select(p => shape[p]).ToArray(), y.ShapeArray);
        AssertSame(Permute(x.ToArray(), shape, perm), y, "permute");
    }

    [TestMethod]
    public void Permute_LargeVideoTensor_ParallelPathMatchesReference()
    {
        // Large enough (> ParallelGrain per chunk) to split across threads in both copy modes.
        int[] shape = [2, 8, 16, 14, 14];
        var x = Random(3, shape);
        AssertSame(Permute(x.ToArray(), shape, [0, 2, 1, 3, 4]), x.Permute(0, 2, 1, 3, 4), "run copies");
        AssertSame(Permute(x.ToArray(), shape, [0, 1, 3, 4, 2]), x.Permute(0, 1, 3, 4, 2), "tiled");
    }

    [TestMethod]
    public void Permute_NegativeDims_SameAsPositive()
    {
        var x = Random(5, 2, 3, 4);
        AssertSame(x.Permute(2, 0, 1).ToArray(), x.Permute(-1, -3, -2), "negative dims");
    }

    [TestMethod]
    public void Permute_RepeatedDim_ThrowsNamingOpAndDims()
    {
        var x = Tensor.Zeros(2, 3, 4);
        var e = Assert.ThrowsExactly<ArgumentException>(() => x.Permute(0, 0, 1));
        StringAssert.Contains(e.Message, "Permute");
        StringAssert.Contains(e.Message, "[0, 0, 1]");
    }

    [TestMethod]
    public void Permute_WrongLengthOrRange_Throws()
    {
        var x = Tensor.Zeros(2, 3, 4);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => x.Permute(0, 1));
        StringAssert.Contains(e.Message, "[2, 3, 4]");
        var r = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Permute(0, 1, 3));
        StringAssert.Contains(r.Message, "Permute");
    }

    [TestMethod]
    public void Permute_GradCheck()
    {
        var x = Random(21, 2, 3, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Permute(2, 0, 1), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Transpose_SwapsDims_AndGradCheck()
    {
        var x = Random(22, 2, 3, 4);
        AssertSame(Permute(x.ToArray(), [2, 3, 4], [0, 2, 1]), x.Transpose(-1, 1), "transpose");
        x.RequiresGrad_();
        GradCheck.Check(t => t[0].Transpose(0, 2), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void UnsqueezeSqueeze_NegativeDims_ShapesAsPyTorch()
    {
        var x = Random(1, 2, 3);
        CollectionAssert.AreEqual(new[] { 2, 3, 1 }, x.Unsqueeze(-1).ShapeArray);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, x.Unsqueeze(-3).ShapeArray);
        CollectionAssert.AreEqual(new[] { 2, 1, 3 }, x.Unsqueeze(1).ShapeArray);
        CollectionAssert.AreEqual(new[] { 2, 3 }, x.Unsqueeze(1).Squeeze(-2).ShapeArray);
        // Squeezing a dimension whose size is not 1 is a no-op, as in PyTorch.
        CollectionAssert.AreEqual(new[] { 2, 3 }, x.Squeeze(0).ShapeArray);
        CollectionAssert.AreEqual(Array.Empty<int>(), Tensor.Zeros(1).Squeeze(0).ShapeArray);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Unsqueeze(3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Squeeze(2));
    }

    [TestMethod]
    public void UnsqueezeSqueeze_GradientPassesThrough()
    {
        var x = Random(2, 2, 3).RequiresGrad_();
        GradCheck.Check(t => t[0].Unsqueeze(0).Squeeze(0).Unsqueeze(2), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Expand_SizeOneAndLeadingDims_Broadcasts()
    {
        var x = Tensor.FromArray([1, 2, 3], 3, 1);
        var y = x.Expand(2, -1, 4);
        CollectionAssert.AreEqual(new[] { 2, 3, 4 }, y.ShapeArray);
        float[] expected = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
        AssertSame(expected, y, "expand");
        CollectionAssert.AreEqual(new[] { 3, 0 }, x.Expand(3, 0).ShapeArray);
    }

    [TestMethod]
    public void Expand_LengthsAcrossVectorWidths_MatchesReference()
    {
        // Fill path of the strided-copy kernel at every length 0..3*16+1.
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var x = Random(n, 2, 1);
            var y = x.Expand(2, n);
            var expected = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) expected[i] = x.Data[i / Math.Max(n, 1)];
            AssertSame(expected, y, $"expand n={n}");
        }
    }

    [TestMethod]
    public void Expand_NonSingletonDim_ThrowsNamingShapes()
    {
        var x = Tensor.Zeros(3, 2);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => x.Expand(3, 4));
        StringAssert.Contains(e.Message, "Expand");
        StringAssert.Contains(e.Message, "[3, 2]");
        StringAssert.Contains(e.Message, "[3, 4]");
        Assert.ThrowsExactly<ShapeMismatchException>(() => x.Expand(2));
        Assert.ThrowsExactly<ShapeMismatchException>(() => x.Expand(-1, 3, 2));
    }

    [TestMethod]
    public void Expand_GradCheck_SumsOverExpandedDims()
    {
        var x = Random(4, 3, 1).RequiresGrad_();
        GradCheck.Check(t => t[0].Expand(2, 3, 5), [x], atol: 1e-3, rtol: 1e-3);
    }
}
