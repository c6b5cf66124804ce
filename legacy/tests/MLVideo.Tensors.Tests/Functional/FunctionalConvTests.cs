using System.Text.Json;
using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>Conv2d and Conv3d (Functional.Conv.cs): PyTorch parity, a plain reference, finite differences, errors.</summary>
[TestClass]
public sealed class FunctionalConvTests
{
    // ------------------------------------------------------------------ PyTorch fixtures

    [TestMethod]
    [DataRow("conv2d_k1s1")]
    [DataRow("conv2d_k3s1p1")]
    [DataRow("conv2d_k3s1p1_nobias")]
    [DataRow("conv2d_k3s2p1")]
    [DataRow("conv2d_k7s2p3_c3")]
    [DataRow("conv2d_groups2")]
    [DataRow("conv2d_depthwise")]
    [DataRow("conv2d_depthwise_s2")]
    [DataRow("conv2d_dilation2")]
    [DataRow("conv2d_nonsquare_input")]
    [DataRow("conv2d_nonsquare_kernel")]
    [DataRow("conv3d_k333_p1")]
    [DataRow("conv3d_k333_s2_p1")]
    [DataRow("conv3d_groups2")]
    [DataRow("conv3d_k311_p100")]
    [DataRow("conv3d_k133_s122_p011")]
    [DataRow("conv3d_k577_s122_p233")]
    public void Conv_Fixture_MatchesPyTorchOutputAndGradients(string caseName)
    {
        // Tolerances are the fixture's own (10x PyTorch's float32-vs-float64 deviation per tensor).
        var f = Fixture.Load(caseName);
        var x = f.Get("in.x").RequiresGrad_();
        var w = f.Get("param.weight").RequiresGrad_();
        var b = f.Has("param.bias") ? f.Get("param.bias").RequiresGrad_() : null;
        Assert.AreEqual(f.Config.GetProperty("bias").GetBoolean(), b is not null, "fixture bias flag");
        int groups = f.Config.GetProperty("groups").GetInt32();
        var stride = Triple(f.Config.GetProperty("stride"), x.Rank);
        var padding = Triple(f.Config.GetProperty("padding"), x.Rank);
        var dilation = Triple(f.Config.GetProperty("dilation"), x.Rank);

        var y = x.Rank == 4
            ? F.Conv2d(x, w, b, new Size2(stride.H, stride.W), new Size2(padding.H, padding.W), new Size2(dilation.H, dilation.W), groups)
            : F.Conv3d(x, w, b, new Size3(stride.D, stride.H, stride.W), new Size3(padding.D, padding.H, padding.W), new Size3(dilation.D, dilation.H, dilation.W), groups);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        f.AssertClose("grad.param.weight", w.Grad!);
        if (b is not null) f.AssertClose("grad.param.bias", b.Grad!);
    }

    private static (int D, int H, int W) Triple(JsonElement e, int rank)
    {
        if (e.ValueKind == JsonValueKind.Number) return (rank == 4 ? 1 : e.GetInt32(), e.GetInt32(), e.GetInt32());
        var v = e.EnumerateArray().Select(a => a.GetInt32()).ToArray();
        return v.Length == 2 ? (1, v[0], v[1]) : (v[0], v[1], v[2]);
    }

    // ------------------------------------------------------------------ plain reference, every path

    [TestMethod]
    [DataRow(2, 6, 4, 7, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, true, DisplayName = "3x3 s1 p1 (batched tiles)")]
    [DataRow(3, 4, 6, 9, 8, 3, 2, 2, 1, 1, 0, 1, 1, 2, false, DisplayName = "3x2 s(2,1) p(1,0) groups 2")]
    [DataRow(2, 6, 9, 6, 6, 1, 1, 1, 1, 0, 0, 1, 1, 3, true, DisplayName = "1x1 groups 3")]
    [DataRow(2, 5, 7, 8, 8, 1, 1, 2, 2, 0, 0, 1, 1, 1, true, DisplayName = "1x1 stride 2 (im2col path)")]
    [DataRow(1, 3, 5, 10, 10, 3, 3, 1, 1, 2, 2, 2, 2, 1, true, DisplayName = "dilation 2 p2, one image")]
    [DataRow(2, 4, 8, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 4, true, DisplayName = "depthwise multiplier 2")]
    [DataRow(2, 4, 4, 9, 8, 5, 3, 2, 3, 2, 1, 1, 2, 4, false, DisplayName = "depthwise 5x3 s(2,3) d(1,2)")]
    [DataRow(2, 3, 4, 5, 5, 5, 5, 1, 1, 0, 0, 1, 1, 1, true, DisplayName = "kernel equals input")]
    [DataRow(1, 8, 8, 32, 32, 3, 3, 2, 2, 1, 1, 1, 1, 8, false, DisplayName = "depthwise s2 p1 on 32x32 (MobileNetV2 shape)")]
    [DataRow(1, 8, 8, 34, 34, 3, 3, 1, 1, 1, 1, 1, 1, 8, false, DisplayName = "depthwise s1 p1 on 34x34")]
    [DataRow(1, 3, 8, 34, 34, 3, 3, 2, 2, 1, 1, 1, 1, 1, false, DisplayName = "3x3 s2 p1 on 34x34 (MobileNetV2 stem)")]
    public void Conv2d_Configurations_MatchPlainReference(int n, int cin, int cout, int h, int w, int kh, int kw,
        int sh, int sw, int ph, int pw, int dh, int dw, int groups, bool withBias)
    {
        int[] xShape = [n, cin, h, w], wShape = [cout, cin / groups, kh, kw];
        CheckAgainstReference(xShape, wShape, (1, sh, sw), (0, ph, pw), (1, dh, dw), groups, withBias, seed: n * 31 + cin + kh);
    }

    [TestMethod]
    [DataRow(2, 4, 6, 4, 5, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, DisplayName = "3x3x3 p1")]
    [DataRow(1, 4, 4, 5, 7, 7, 3, 1, 1, 2, 1, 1, 1, 0, 0, 1, 2, false, DisplayName = "3x1x1 s(2,1,1) p(1,0,0) groups 2")]
    [DataRow(2, 3, 5, 4, 9, 9, 1, 3, 3, 1, 2, 2, 0, 1, 1, 1, 1, true, DisplayName = "1x3x3 s(1,2,2) p(0,1,1)")]
    [DataRow(2, 4, 4, 5, 6, 6, 3, 3, 3, 1, 1, 1, 2, 2, 2, 2, 4, true, DisplayName = "depthwise 3D dilation 2")]
    [DataRow(2, 4, 8, 3, 4, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, false, DisplayName = "1x1x1")]
    public void Conv3d_Configurations_MatchPlainReference(int n, int cin, int cout, int d, int h, int w, int kd, int kh, int kw,
        int sd, int sh, int sw, int pd, int ph, int pw, int dilation, int groups, bool withBias)
    {
        int[] xShape = [n, cin, d, h, w], wShape = [cout, cin / groups, kd, kh, kw];
        CheckAgainstReference(xShape, wShape, (sd, sh, sw), (pd, ph, pw), (dilation, dilation, dilation), groups, withBias, seed: d * 17 + kd);
    }

    [TestMethod]
    public void Conv_ColumnTiling_MatchesPlainReference()
    {
        // A tiny scratch budget forces several column tiles per image (3-D) and one-image tiles (2-D),
        // the paths large video volumes take.
        int saved = ConvTilePlan.ScratchFloats;
        try
        {
            ConvTilePlan.ScratchFloats = 40 * 27;
            CheckAgainstReference([2, 4, 5, 9, 11], [6, 4, 3, 3, 3], (1, 1, 1), (1, 1, 1), (1, 1, 1), 1, true, seed: 5);
            CheckAgainstReference([2, 6, 4, 9, 11], [4, 3, 3, 3, 3], (1, 2, 1), (1, 0, 1), (1, 1, 1), 2, false, seed: 6);
            ConvTilePlan.ScratchFloats = 16 * 9;
            CheckAgainstReference([3, 4, 13, 10], [5, 4, 3, 3], (1, 1, 1), (0, 1, 1), (1, 1, 1), 1, true, seed: 7);
            CheckAgainstReference([3, 4, 13, 10], [6, 4, 1, 1], (1, 1, 1), (0, 0, 0), (1, 1, 1), 1, true, seed: 8);
        }
        finally
        {
            ConvTilePlan.ScratchFloats = ConvTilePlan.DefaultScratchFloats;
            Assert.AreEqual(saved, ConvTilePlan.ScratchFloats);
        }
    }

    [TestMethod]
    [DataRow(0, DisplayName = "scalar")]
    [DataRow(256, DisplayName = "Vector256")]
    [DataRow(512, DisplayName = "Vector512")]
    public void Conv_VectorWidths_MatchPlainReference(int maxBits)
    {
        // Widths 23, 40 and 41 leave tails after 16- and 8-wide vectors in the row kernels.
        int saved = ConvVectorOps.MaxVectorBits;
        try
        {
            ConvVectorOps.MaxVectorBits = maxBits;
            CheckAgainstReference([2, 3, 5, 23], [6, 1, 3, 3], (1, 1, 1), (0, 1, 1), (1, 1, 1), 3, true, seed: 11);
            CheckAgainstReference([2, 3, 4, 40], [3, 1, 3, 5], (1, 1, 2), (0, 1, 2), (1, 1, 1), 3, true, seed: 12);
            CheckAgainstReference([2, 5, 6, 23], [7, 5, 3, 3], (1, 1, 1), (0, 1, 1), (1, 1, 1), 1, true, seed: 13);
            // Stride 2 over rows of 40: the gathered (permute) path of im2col and of the depthwise kernels.
            CheckAgainstReference([2, 3, 3, 40], [3, 1, 3, 3], (1, 2, 2), (0, 1, 1), (1, 1, 1), 3, true, seed: 14);
            CheckAgainstReference([2, 3, 3, 41], [4, 3, 3, 3], (1, 1, 2), (0, 1, 0), (1, 1, 1), 1, false, seed: 15);
        }
        finally
        {
            ConvVectorOps.MaxVectorBits = saved;
        }
    }

    private static void CheckAgainstReference(int[] xShape, int[] wShape, (int D, int H, int W) stride, (int D, int H, int W) padding,
        (int D, int H, int W) dilation, int groups, bool withBias, int seed)
    {
        var x = Random(seed, xShape).RequiresGrad_();
        var w = Random(seed + 1, wShape).RequiresGrad_();
        var b = withBias ? Random(seed + 2, wShape[0]).RequiresGrad_() : null;
        var reference = new ConvReference(xShape, wShape, stride, padding, dilation, groups);
        var y = xShape.Length == 4
            ? F.Conv2d(x, w, b, new Size2(stride.H, stride.W), new Size2(padding.H, padding.W), new Size2(dilation.H, dilation.W), groups)
            : F.Conv3d(x, w, b, new Size3(stride.D, stride.H, stride.W), new Size3(padding.D, padding.H, padding.W), new Size3(dilation.D, dilation.H, dilation.W), groups);
        CollectionAssert.AreEqual(reference.OutputShape, y.ShapeArray, "output shape");
        AssertNear(reference.Forward(x.ToArray(), w.ToArray(), b?.ToArray()), y.ToArray(), "output");

        var gout = Random(seed + 3, reference.OutputShape);
        y.Backward(gout);
        var (gx, gw, gb) = reference.Backward(x.ToArray(), w.ToArray(), gout.ToArray());
        AssertNear(gx, x.Grad!.ToArray(), "grad input");
        AssertNear(gw, w.Grad!.ToArray(), "grad weight");
        if (b is not null) AssertNear(gb, b.Grad!.ToArray(), "grad bias");
    }

    /// <summary>float32 sums of up to a few hundred N(0,1) products: 1e-4 absolute + 1e-4 relative is ~100x their rounding error.</summary>
    private static void AssertNear(double[] expected, float[] actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, $"{what}: length");
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(actual[i] - expected[i]);
            Assert.IsTrue(diff <= 1e-4 + 1e-4 * Math.Abs(expected[i]), $"{what} at flat index {i}: ours {actual[i]:G9}, reference {expected[i]:G9}");
        }
    }

    // ------------------------------------------------------------------ finite differences

    [TestMethod]
    [DataRow(1, 1, 1, 1, 1, 1, DisplayName = "3x3 s1 p1")]
    [DataRow(3, 2, 1, 1, 1, 1, DisplayName = "3x3 s2 p1")]
    [DataRow(3, 1, 2, 2, 1, 1, DisplayName = "3x3 dilation 2")]
    [DataRow(3, 1, 1, 1, 2, 1, DisplayName = "3x3 groups 2")]
    [DataRow(3, 1, 1, 1, 4, 1, DisplayName = "depthwise")]
    [DataRow(3, 2, 1, 1, 4, 2, DisplayName = "depthwise s2, multiplier 2")]
    [DataRow(1, 1, 0, 1, 1, 1, DisplayName = "1x1")]
    public void Conv2d_GradCheck(int k, int stride, int padding, int dilation, int groups, int multiplier)
    {
        int cin = 4, cout = groups == cin ? cin * multiplier : 6;
        var x = Random(21, 2, cin, 6, 5).RequiresGrad_();
        var w = Random(22, cout, cin / groups, k, k).RequiresGrad_();
        var b = Random(23, cout).RequiresGrad_();
        GradCheck.Check(t => F.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), [x, w, b],
            eps: 1e-2, atol: 2e-3, rtol: 1e-2, maxChecksPerInput: 48);
    }

    [TestMethod]
    [DataRow(1, 1, 1, 1, DisplayName = "3x3x3 p1")]
    [DataRow(2, 1, 1, 1, DisplayName = "3x3x3 s2 p1")]
    [DataRow(1, 2, 2, 1, DisplayName = "3x3x3 dilation 2 p2")]
    [DataRow(1, 1, 1, 2, DisplayName = "3x3x3 groups 2")]
    [DataRow(1, 1, 1, 4, DisplayName = "3x3x3 depthwise")]
    public void Conv3d_GradCheck(int stride, int padding, int dilation, int groups)
    {
        int cin = 4, cout = groups == cin ? cin : 6;
        var x = Random(31, 2, cin, 5, 5, 4).RequiresGrad_();
        var w = Random(32, cout, cin / groups, 3, 3, 3).RequiresGrad_();
        var b = Random(33, cout).RequiresGrad_();
        GradCheck.Check(t => F.Conv3d(t[0], t[1], t[2], stride, padding, dilation, groups), [x, w, b],
            eps: 1e-2, atol: 2e-3, rtol: 1e-2, maxChecksPerInput: 48);
    }

    [TestMethod]
    public void Conv3d_AnisotropicGradCheck()
    {
        var x = Random(41, 1, 2, 4, 7, 6).RequiresGrad_();
        var w = Random(42, 3, 2, 3, 1, 3).RequiresGrad_();
        GradCheck.Check(t => F.Conv3d(t[0], t[1], null, new Size3(1, 2, 2), new Size3(1, 0, 1), new Size3(1, 1, 2)), [x, w],
            eps: 1e-2, atol: 2e-3, rtol: 1e-2, maxChecksPerInput: 48);
    }

    // ------------------------------------------------------------------ behaviour

    [TestMethod]
    public void Conv_MacCounter_CountsNCoutSpatialCinPerGroupKernel()
    {
        using var counter = MacCounter.Start();
        using (Autograd.NoGrad())
        {
            F.Conv2d(Random(1, 2, 8, 10, 10), Random(2, 16, 4, 3, 3), null, 2, 1, 1, 2); // out 5x5
            F.Conv3d(Random(3, 1, 4, 4, 6, 6), Random(4, 6, 4, 3, 1, 1), padding: 0);     // out 2x6x6
        }
        Assert.AreEqual(2L * 16 * 25 * 4 * 9, counter.ByOp["conv2d"]);
        Assert.AreEqual(1L * 6 * 72 * 4 * 3, counter.ByOp["conv3d"]);
        Assert.AreEqual(counter.ByOp["conv2d"] + counter.ByOp["conv3d"], counter.TotalMacs);
    }

    [TestMethod]
    public void Conv_NoGrad_RecordsNothing()
    {
        var x = Random(1, 1, 2, 5, 5).RequiresGrad_();
        var w = Random(2, 3, 2, 3, 3).RequiresGrad_();
        using (Autograd.NoGrad()) Assert.IsNull(F.Conv2d(x, w).GradFn);
        Assert.AreEqual("Conv2dBackward", F.Conv2d(x, w).GradFn!.Name);
    }

    [TestMethod]
    public void Conv_OnlyWeightRequiresGrad_GivesWeightGradientOnly()
    {
        var x = Random(1, 2, 3, 6, 6);
        var w = Random(2, 4, 3, 3, 3).RequiresGrad_();
        var b = Random(3, 4);
        var y = F.Conv2d(x, w, b, padding: 1);
        y.Backward(Tensor.Ones(y.ShapeArray));
        Assert.IsNotNull(w.Grad);
        Assert.IsNull(x.Grad);
        Assert.IsNull(b.Grad);
    }

    [TestMethod]
    public void Conv_EmptyBatch_GivesEmptyOutput()
    {
        var y = F.Conv3d(new Tensor(0, 2, 3, 4, 4), Random(1, 5, 2, 3, 3, 3), null, 1, 1);
        CollectionAssert.AreEqual(new[] { 0, 5, 3, 4, 4 }, y.ShapeArray);
    }

    [TestMethod]
    public void Conv_RepeatedRuns_AreBitwiseIdentical()
    {
        // Gradients of the weight are sums over the batch; they must not depend on thread timing.
        float[] Run(bool depthwise)
        {
            var x = Random(9, 4, 8, 12, 12);
            var w = Random(10, 8, depthwise ? 1 : 8, 3, 3).RequiresGrad_();
            F.Conv2d(x, w, null, 1, 1, 1, depthwise ? 8 : 1).Backward(Random(11, 4, 8, 12, 12));
            return w.Grad!.ToArray();
        }
        CollectionAssert.AreEqual(Run(false), Run(false));
        int saved = CpuParallel.MaxDegree;
        try
        {
            CpuParallel.MaxDegree = 1;
            float[] serial = Run(true);
            CpuParallel.MaxDegree = 2;
            CollectionAssert.AreEqual(serial, Run(true), "depthwise weight gradient, 1 vs 2 threads");
            CpuParallel.MaxDegree = 1;
            float[] serialGemm = Run(false);
            CpuParallel.MaxDegree = 2;
            CollectionAssert.AreEqual(serialGemm, Run(false), "GEMM-path weight gradient, 1 vs 2 threads");
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
    }

    [TestMethod]
    public void Conv_DoesNotModifyInputs()
    {
        var x = Random(1, 2, 4, 7, 7).RequiresGrad_();
        var w = Random(2, 4, 1, 3, 3).RequiresGrad_();
        float[] xs = x.ToArray(), ws = w.ToArray();
        var y = F.Conv2d(x, w, null, 1, 1, 1, 4);
        y.Backward(Tensor.Ones(y.ShapeArray));
        CollectionAssert.AreEqual(xs, x.ToArray());
        CollectionAssert.AreEqual(ws, w.ToArray());
    }

    // ------------------------------------------------------------------ errors

    [TestMethod]
    public void Conv2d_ChannelMismatch_ThrowsNamingOpAndShapes()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(new Tensor(2, 3, 8, 8), new Tensor(16, 4, 3, 3)));
        StringAssert.Contains(e.Message, "Conv2d");
        StringAssert.Contains(e.Message, "[2, 3, 8, 8]");
        StringAssert.Contains(e.Message, "[16, 4, 3, 3]");
    }

    [TestMethod]
    public void Conv2d_GroupsNotDividingChannels_Throws()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(new Tensor(1, 6, 5, 5), new Tensor(8, 2, 3, 3), groups: 4));
        StringAssert.Contains(e.Message, "Conv2d: groups 4 does not divide the 6 input channels");
        var e2 = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv3d(new Tensor(1, 4, 3, 5, 5), new Tensor(6, 1, 3, 3, 3), groups: 4));
        StringAssert.Contains(e2.Message, "Conv3d: groups 4 does not divide the 6 output channels");
    }

    [TestMethod]
    public void Conv_WrongRank_ThrowsNamingExpectedLayout()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(new Tensor(3, 8, 8), new Tensor(4, 3, 3, 3)));
        StringAssert.Contains(e.Message, "Conv2d: input [3, 8, 8] has rank 3; expected rank 4 (N, C, H, W)");
        var e2 = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv3d(new Tensor(1, 3, 4, 8, 8), new Tensor(4, 3, 3, 3)));
        StringAssert.Contains(e2.Message, "Conv3d: weight [4, 3, 3, 3] has rank 4; expected rank 5");
    }

    [TestMethod]
    public void Conv_KernelLargerThanPaddedInput_Throws()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(new Tensor(1, 2, 4, 4), new Tensor(3, 2, 7, 3), padding: 1));
        StringAssert.Contains(e.Message, "Conv2d: kernel height 7");
        StringAssert.Contains(e.Message, "[1, 2, 4, 4]");
        var e2 = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv3d(new Tensor(1, 2, 2, 8, 8), new Tensor(3, 2, 3, 3, 3), padding: 0));
        StringAssert.Contains(e2.Message, "Conv3d: kernel depth 3");
        var e3 = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(new Tensor(1, 2, 5, 5), new Tensor(3, 2, 3, 3), dilation: 3));
        StringAssert.Contains(e3.Message, "dilation 3");
    }

    [TestMethod]
    public void Conv_BadBiasOrHyperParameters_Throw()
    {
        var x = new Tensor(1, 2, 5, 5);
        var w = new Tensor(3, 2, 3, 3);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Conv2d(x, w, new Tensor(4)));
        StringAssert.Contains(e.Message, "Conv2d: bias [4]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, null, stride: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, null, padding: -1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, null, dilation: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, null, groups: 0));
    }
}
