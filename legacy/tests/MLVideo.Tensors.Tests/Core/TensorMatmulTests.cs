using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Core;

/// <summary>Matmul (PyTorch's rules) and Bmm: fixture parity, 1-d and broadcast semantics against a naive reference, gradients, errors.</summary>
[TestClass]
public sealed class TensorMatmulTests
{
    private static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed));

    /// <summary>
    /// Naive torch.matmul: promote 1-d operands, broadcast batch dims index by index, sum in double,
    /// then drop the promoted dimensions. Shares no code with MatmulPlan.
    /// </summary>
    private static (float[] Values, int[] Shape) NaiveMatmul(Tensor a, Tensor b)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        int[] pa = sa.Length == 1 ? [1, sa[0]] : sa;
        int[] pb = sb.Length == 1 ? [sb[0], 1] : sb;
        int m = pa[^2], k = pa[^1], n = pb[^1];
        int[] ba = pa[..^2], bb = pb[..^2];
        int rank = Math.Max(ba.Length, bb.Length);
        var batch = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = d - (rank - ba.Length) >= 0 ? ba[d - (rank - ba.Length)] : 1;
            int db = d - (rank - bb.Length) >= 0 ? bb[d - (rank - bb.Length)] : 1;
            batch[d] = Math.Max(da, db);
        }
        int batchCount = batch.Aggregate(1, (x, y) => x * y);
        var values = new float[batchCount * m * n];
        float[] ad = a.ToArray(), bd = b.ToArray();
        for (int o = 0; o < batchCount; o++)
        {
            var idx = new int[rank];
            for (int d = rank - 1, r = o; d >= 0; d--) { idx[d] = r % batch[d]; r /= batch[d]; }
            int aMat = 0, bMat = 0;
            for (int d = 0; d < ba.Length; d++) aMat = aMat * ba[d] + (ba[d] == 1 ? 0 : idx[d + rank - ba.Length]);
            for (int d = 0; d < bb.Length; d++) bMat = bMat * bb[d] + (bb[d] == 1 ? 0 : idx[d + rank - bb.Length]);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double)ad[aMat * m * k + i * k + p] * bd[bMat * k * n + p * n + j];
                    values[o * m * n + i * n + j] = (float)s;
                }
        }
        var shape = new List<int>(batch);
        if (sa.Length > 1) shape.Add(m);
        if (sb.Length > 1) shape.Add(n);
        return (values, shape.ToArray());
    }

    private static void AssertMatchesNaive(int[] aShape, int[] bShape, int seed)
    {
        using var a = Random(seed, aShape);
        using var b = Random(seed + 1, bShape);
        using var y = a.Matmul(b);
        var (expected, shape) = NaiveMatmul(a, b);
        string what = $"{ShapeHelper.Format(aShape)} @ {ShapeHelper.Format(bShape)}";
        CollectionAssert.AreEqual(shape, y.ShapeArray, $"{what}: shape");
        var actual = y.Data;
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-4 * (1 + Math.Abs(expected[i])), $"{what}: element {i}");
    }

    [TestMethod]
    public void Matmul_TwoD_MatchesPyTorchFixture()
    {
        var f = Fixture.Load("matmul");
        using var a = f.Get("in.a").RequiresGrad_();
        using var b = f.Get("in.b").RequiresGrad_();
        var y = a.Matmul(b);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.a", a.Grad!);
        f.AssertClose("grad.in.b", b.Grad!);
    }

    [TestMethod]
    public void Matmul_BroadcastBatch_MatchesPyTorchFixture()
    {
        var f = Fixture.Load("matmul_broadcast");
        using var a = f.Get("in.a").RequiresGrad_();
        using var b = f.Get("in.b").RequiresGrad_();
        var y = a.Matmul(b);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.a", a.Grad!);
        f.AssertClose("grad.in.b", b.Grad!);
    }

    [TestMethod]
    public void Bmm_MatchesPyTorchFixture()
    {
        var f = Fixture.Load("bmm");
        using var a = f.Get("in.a").RequiresGrad_();
        using var b = f.Get("in.b").RequiresGrad_();
        var y = a.Bmm(b);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.a", a.Grad!);
        f.AssertClose("grad.in.b", b.Grad!);
    }

    [TestMethod]
    [DataRow(new[] { 7 }, new[] { 7 })]
    [DataRow(new[] { 7 }, new[] { 7, 3 })]
    [DataRow(new[] { 5, 7 }, new[] { 7 })]
    [DataRow(new[] { 7 }, new[] { 2, 7, 3 })]
    [DataRow(new[] { 2, 5, 7 }, new[] { 7 })]
    [DataRow(new[] { 2, 3, 5, 7 }, new[] { 7, 4 })]
    [DataRow(new[] { 5, 7 }, new[] { 2, 3, 7, 4 })]
    [DataRow(new[] { 3, 1, 5, 7 }, new[] { 1, 2, 7, 4 })]
    [DataRow(new[] { 1, 5, 7 }, new[] { 4, 7, 6 })]
    [DataRow(new[] { 40, 33 }, new[] { 33, 50 })]
    [DataRow(new[] { 3, 20, 0 }, new[] { 0, 6 })]
    public void Matmul_Shapes_MatchNaiveReference(int[] aShape, int[] bShape)
    {
        AssertMatchesNaive(aShape, bShape, aShape.Sum() * 31 + bShape.Sum());
    }

    [TestMethod]
    public void Matmul_VectorDot_ReturnsZeroDimensional()
    {
        using var a = Tensor.FromArray([1f, 2f, 3f], 3);
        using var b = Tensor.FromArray([4f, 5f, 6f], 3);
        using var y = a.Matmul(b);
        Assert.AreEqual(0, y.Rank);
        Assert.AreEqual(32f, y.Item());
    }

    [TestMethod]
    [DataRow(new[] { 3, 4 }, new[] { 4, 5 })]
    [DataRow(new[] { 4 }, new[] { 4, 5 })]
    [DataRow(new[] { 3, 4 }, new[] { 4 })]
    [DataRow(new[] { 4 }, new[] { 4 })]
    [DataRow(new[] { 2, 1, 3, 4 }, new[] { 3, 4, 2 })]
    [DataRow(new[] { 2, 3, 4 }, new[] { 4, 2 })]
    [DataRow(new[] { 3, 4 }, new[] { 2, 4, 2 })]
    [DataRow(new[] { 4 }, new[] { 2, 4, 3 })]
    public void Matmul_GradCheck(int[] aShape, int[] bShape)
    {
        using var a = Random(3, aShape).RequiresGrad_();
        using var b = Random(4, bShape).RequiresGrad_();
        GradCheck.Check(t => t[0].Matmul(t[1]), [a, b]);
    }

    [TestMethod]
    public void Bmm_GradCheck()
    {
        using var a = Random(5, 3, 4, 5).RequiresGrad_();
        using var b = Random(6, 3, 5, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].Bmm(t[1]), [a, b]);
    }

    [TestMethod]
    public void Matmul_SameTensorBothSides_AccumulatesBothGradients()
    {
        using var x = Random(8, 4, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Matmul(t[0]), [x]);
    }

    [TestMethod]
    public void Matmul_LargeBatchedFold_MatchesNaiveAndGradients()
    {
        // A batched left operand against one matrix takes the folded single-GEMM path (packed kernel).
        AssertMatchesNaive([3, 37, 41], [41, 29], 12);
        AssertMatchesNaive([2, 2, 19, 70], [2, 1, 70, 33], 13);
    }

    [TestMethod]
    [DataRow(new[] { 64, 16, 32 }, new[] { 64, 32, 16 })]
    [DataRow(new[] { 8, 8, 16, 32 }, new[] { 8, 1, 32, 16 })]
    public void Matmul_ManySmallMatrices_MatchesNaiveWithAnyThreadCount(int[] aShape, int[] bShape)
    {
        // Enough small products for them to be spread over the cores, including a broadcast operand
        // whose gradient sums several products (kept on one thread).
        AssertMatchesNaive(aShape, bShape, 21);
        float[][] grads = new float[4][];
        int saved = CpuParallel.MaxDegree;
        try
        {
            for (int threads = 1; threads <= 2; threads++)
            {
                CpuParallel.MaxDegree = threads;
                using var a = Random(22, aShape).RequiresGrad_();
                using var b = Random(23, bShape).RequiresGrad_();
                using var y = a.Matmul(b);
                using var g = Random(24, y.ShapeArray);
                y.Backward(g);
                grads[(threads - 1) * 2] = a.Grad!.ToArray();
                grads[(threads - 1) * 2 + 1] = b.Grad!.ToArray();
            }
        }
        finally { CpuParallel.MaxDegree = saved; }
        CollectionAssert.AreEqual(grads[0], grads[2], "grad a: 1 vs 2 threads");
        CollectionAssert.AreEqual(grads[1], grads[3], "grad b: 1 vs 2 threads");
    }

    [TestMethod]
    public void Matmul_CountsMacs()
    {
        using var a = Random(1, 2, 3, 5, 7);
        using var b = Random(2, 7, 4);
        using var counter = MacCounter.Start();
        using (a.Matmul(b)) { }
        using var c = Random(3, 6, 5, 7);
        using var d = Random(4, 6, 7, 2);
        using (c.Bmm(d)) { }
        Assert.AreEqual(2L * 3 * 5 * 4 * 7, counter.ByOp["matmul"]);
        Assert.AreEqual(6L * 5 * 2 * 7, counter.ByOp["bmm"]);
    }

    [TestMethod]
    public void Matmul_NoGrad_RecordsNothing()
    {
        using var a = Random(1, 3, 4).RequiresGrad_();
        using var b = Random(2, 4, 5).RequiresGrad_();
        using (Autograd.NoGrad())
        {
            using var y = a.Matmul(b);
            Assert.IsNull(y.GradFn);
        }
    }

    [TestMethod]
    public void Matmul_BadShapes_ThrowWithShapes()
    {
        using var a = Tensor.Zeros(3, 4);
        using var b = Tensor.Zeros(5, 2);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => a.Matmul(b));
        StringAssert.Contains(e.Message, "Matmul");
        StringAssert.Contains(e.Message, "[3, 4]");
        StringAssert.Contains(e.Message, "[5, 2]");
        using var c = Tensor.Zeros(2, 3, 4);
        using var d = Tensor.Zeros(3, 4, 5);
        var e2 = Assert.ThrowsExactly<ShapeMismatchException>(() => c.Matmul(d));
        StringAssert.Contains(e2.Message, "broadcast");
        using var s = Tensor.Scalar(1f);
        Assert.ThrowsExactly<ShapeMismatchException>(() => s.Matmul(a));
    }

    [TestMethod]
    public void Bmm_BadShapes_ThrowWithShapes()
    {
        using var a = Tensor.Zeros(2, 3, 4);
        using var b2 = Tensor.Zeros(4, 5);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => a.Bmm(b2)).Message, "3-d");
        using var b3 = Tensor.Zeros(3, 4, 5);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => a.Bmm(b3)).Message, "batch");
        using var b4 = Tensor.Zeros(2, 5, 5);
        StringAssert.Contains(Assert.ThrowsExactly<ShapeMismatchException>(() => a.Bmm(b4)).Message, "[2, 5, 5]");
    }
}
