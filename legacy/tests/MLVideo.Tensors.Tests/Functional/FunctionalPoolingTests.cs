using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using static MLVideo.Tensors.Tests.Functional.PoolingReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>Max, average and adaptive average pooling (Functional.Pooling.cs, PoolingKernels.cs).</summary>
[TestClass]
public sealed class FunctionalPoolingTests
{
    // ---------------------------------------------------------------- PyTorch fixtures

    [TestMethod]
    [DataRow("max_pool2d_k3s2p1")]
    [DataRow("max_pool3d_k133_s122_p011")]
    [DataRow("avg_pool2d_k2s2")]
    [DataRow("avg_pool2d_k3s2p1")]
    [DataRow("adaptive_avg_pool2d_1")]
    [DataRow("adaptive_avg_pool3d_1")]
    [DataRow("adaptive_avg_pool3d_t11")]
    public void Pool_Fixture_MatchesPyTorch(string caseName)
    {
        var f = Fixture.Load(caseName);
        var x = f.Get("in.x").RequiresGrad_();
        Tensor y = caseName switch
        {
            "max_pool2d_k3s2p1" => F.MaxPool2d(x, 3, 2, 1),
            "max_pool3d_k133_s122_p011" => F.MaxPool3d(x, (1, 3, 3), (1, 2, 2), (0, 1, 1)),
            "avg_pool2d_k2s2" => F.AvgPool2d(x, 2, 2),
            "avg_pool2d_k3s2p1" => F.AvgPool2d(x, 3, 2, 1, countIncludePad: true),
            "adaptive_avg_pool2d_1" => F.AdaptiveAvgPool2d(x, 1),
            "adaptive_avg_pool3d_1" => F.AdaptiveAvgPool3d(x, 1),
            "adaptive_avg_pool3d_t11" => F.AdaptiveAvgPool3d(x, (x.Size(2), 1, 1)),
            _ => throw new ArgumentException(caseName),
        };
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    // ---------------------------------------------------------------- naive reference, many geometries

    [TestMethod]
    [DataRow(new[] { 1, 7, 9 }, new[] { 1, 3, 3 }, new[] { 1, 2, 2 }, new[] { 0, 1, 1 }, false, DisplayName = "2-D k3 s2 p1")]
    [DataRow(new[] { 1, 6, 6 }, new[] { 1, 3, 3 }, new[] { 1, 2, 2 }, new[] { 0, 1, 1 }, true, DisplayName = "2-D k3 s2 p1 ceil")]
    [DataRow(new[] { 1, 5, 5 }, new[] { 1, 2, 2 }, new[] { 1, 2, 2 }, new[] { 0, 1, 1 }, true, DisplayName = "2-D k2 s2 p1 ceil: last window would start in the right padding")]
    [DataRow(new[] { 1, 5, 7 }, new[] { 1, 2, 2 }, new[] { 1, 2, 2 }, new[] { 0, 0, 0 }, true, DisplayName = "2-D k2 s2 ceil: partial last window")]
    [DataRow(new[] { 1, 8, 5 }, new[] { 1, 3, 2 }, new[] { 1, 1, 3 }, new[] { 0, 1, 0 }, false, DisplayName = "2-D non-square kernel and stride")]
    [DataRow(new[] { 5, 6, 7 }, new[] { 3, 3, 3 }, new[] { 2, 2, 2 }, new[] { 1, 1, 1 }, false, DisplayName = "3-D k3 s2 p1")]
    [DataRow(new[] { 5, 6, 7 }, new[] { 2, 3, 2 }, new[] { 2, 1, 2 }, new[] { 1, 1, 1 }, true, DisplayName = "3-D mixed ceil")]
    [DataRow(new[] { 8, 5, 5 }, new[] { 3, 1, 1 }, new[] { 2, 1, 1 }, new[] { 1, 0, 0 }, false, DisplayName = "3-D temporal only (k3 s2 over T)")]
    [DataRow(new[] { 1, 9, 37 }, new[] { 1, 3, 3 }, new[] { 1, 2, 2 }, new[] { 0, 1, 1 }, true, DisplayName = "2-D wide rows (vector column pass plus tail)")]
    [DataRow(new[] { 3, 7, 40 }, new[] { 2, 3, 3 }, new[] { 1, 2, 1 }, new[] { 1, 1, 1 }, false, DisplayName = "3-D wide rows")]
    public void Pools_Geometries_MatchNaiveReference(int[] input, int[] kernel, int[] stride, int[] pad, bool ceilMode)
    {
        const int n = 2, c = 3;
        bool is2d = input[0] == 1 && kernel[0] == 1;
        int[] shape = is2d ? [n, c, input[1], input[2]] : [n, c, input[0], input[1], input[2]];
        var x = Random(input.Sum() + kernel.Sum(), shape);
        foreach (var kind in new[] { Kind.Max, Kind.AvgIncludePad, Kind.AvgExcludePad })
        {
            var xi = Tensor.FromArray(x.Data, shape).RequiresGrad_();
            Tensor y = (kind, is2d) switch
            {
                (Kind.Max, true) => F.MaxPool2d(xi, (kernel[1], kernel[2]), (stride[1], stride[2]), (pad[1], pad[2]), ceilMode),
                (Kind.Max, false) => F.MaxPool3d(xi, (kernel[0], kernel[1], kernel[2]), (stride[0], stride[1], stride[2]), (pad[0], pad[1], pad[2]), ceilMode),
                (_, true) => F.AvgPool2d(xi, (kernel[1], kernel[2]), (stride[1], stride[2]), (pad[1], pad[2]), ceilMode, kind == Kind.AvgIncludePad),
                (_, false) => F.AvgPool3d(xi, (kernel[0], kernel[1], kernel[2]), (stride[0], stride[1], stride[2]), (pad[0], pad[1], pad[2]), ceilMode, kind == Kind.AvgIncludePad),
            };
            var dy = Random(99, y.ShapeArray);
            y.Backward(dy);
            var (refY, refDx) = Pool(kind, x.ToArray(), dy.ToArray(), n * c, input, kernel, stride, pad, ceilMode);
            int firstSpatial = is2d ? 1 : 0; // a 2-D case skips the unit time extent
            var spatialOut = new List<int>();
            for (int d = firstSpatial; d < 3; d++) spatialOut.Add(OutputLength(input[d], kernel[d], stride[d], pad[d], ceilMode));
            int[] expectedOut = [n, c, .. spatialOut];
            CollectionAssert.AreEqual(expectedOut, y.ShapeArray, $"{kind}: output shape");
            AssertNear(refY, y.ToArray(), 1e-5, $"{kind}: output");
            AssertNear(refDx, xi.Grad!.ToArray(), 1e-5, $"{kind}: input gradient");
        }
    }

    [TestMethod]
    [DataRow(5, 2, 2, 1, 3, DisplayName = "5, k2 s2 p1: 4 windows by the formula, 3 after the right-padding rule")]
    [DataRow(5, 2, 2, 0, 3, DisplayName = "5, k2 s2: ceil keeps the partial window")]
    [DataRow(6, 3, 2, 1, 4, DisplayName = "6, k3 s2 p1")]
    [DataRow(112, 3, 2, 1, 57, DisplayName = "ResNet stem 112, k3 s2 p1 ceil")]
    public void OutputLength_CeilMode_FollowsPyTorch(int input, int kernel, int stride, int pad, int expected)
    {
        Assert.AreEqual(expected, PoolGeometry.OutputLength(input, kernel, stride, pad, ceilMode: true));
        var y = F.MaxPool2d(Tensor.Zeros(1, 1, input, input), kernel, stride, pad, ceilMode: true);
        Assert.AreEqual(expected, y.Size(-1));
    }

    [TestMethod]
    [DataRow(new[] { 1, 7, 7 }, new[] { 1, 3, 3 }, DisplayName = "2-D 7 -> 3 (overlapping windows)")]
    [DataRow(new[] { 1, 5, 6 }, new[] { 1, 7, 8 }, DisplayName = "2-D upsampling (output larger than input)")]
    [DataRow(new[] { 4, 5, 5 }, new[] { 4, 1, 1 }, DisplayName = "3-D (T, 1, 1)")]
    [DataRow(new[] { 5, 6, 7 }, new[] { 2, 4, 3 }, DisplayName = "3-D 5x6x7 -> 2x4x3")]
    [DataRow(new[] { 3, 9, 11 }, new[] { 1, 1, 1 }, DisplayName = "3-D global")]
    public void AdaptiveAvgPool_MatchesNaiveReference(int[] input, int[] output)
    {
        const int n = 2, c = 3;
        bool is2d = input[0] == 1 && output[0] == 1 && output[1] != 1;
        int[] shape = is2d ? [n, c, input[1], input[2]] : [n, c, .. input];
        var x = Random(5, shape).RequiresGrad_();
        var y = is2d ? F.AdaptiveAvgPool2d(x, (output[1], output[2])) : F.AdaptiveAvgPool3d(x, (output[0], output[1], output[2]));
        var dy = Random(6, y.ShapeArray);
        y.Backward(dy);
        var (refY, refDx) = Adaptive(x.ToArray(), dy.ToArray(), n * c, input, output);
        AssertNear(refY, y.ToArray(), 1e-5, "output");
        AssertNear(refDx, x.Grad!.ToArray(), 1e-5, "input gradient");
    }

    [TestMethod]
    public void Pools_CeilModeAndPaddingDivisors_MatchPyTorchValues()
    {
        // Values printed by PyTorch 1.13 (torch.manual_seed(0); x = torch.randn(1, 1, 5, 7)) for ceil_mode=True:
        // the partial last windows and their divisors (with and without the padding) are what is checked here.
        var x = Tensor.FromArray(
        [
            -1.1258398e+00f, -1.1523602e+00f, -2.5057858e-01f, -4.3387881e-01f, 8.4871036e-01f, 6.9200915e-01f, -3.1601277e-01f,
            -2.1152194e+00f, 3.2227492e-01f, -1.2633348e+00f, 3.4998319e-01f, 3.0813393e-01f, 1.1984151e-01f, 1.2376579e+00f,
            1.1167772e+00f, -2.4727815e-01f, -1.3526537e+00f, -1.6959312e+00f, 5.6665063e-01f, 2.4841475e-01f, 4.3969584e-01f,
            1.1241119e-01f, 6.4079237e-01f, 4.4115627e-01f, -2.1586326e-01f, -7.4254817e-01f, 5.6272137e-01f, 5.2507486e-02f,
            5.2286047e-01f, 2.3022053e+00f, -1.4688939e+00f, -1.5866888e+00f, 1.2032237e+00f, 8.4534697e-02f, -1.2001394e+00f,
        ], 1, 1, 5, 7);
        AssertTorch([-4.5234933e-01f, -2.6976600e-01f, 2.0942216e-01f, 1.9261065e-01f, -1.8915759e-02f, -3.3565050e-01f,
                     -5.5399697e-02f, 2.9564872e-01f, 3.9758551e-01f, 1.2523108e-02f, -7.7180050e-02f, -5.5597320e-02f],
            F.AvgPool2d(x, 3, 2, 1, ceilMode: true, countIncludePad: true), "avg k3 s2 p1 ceil, count_include_pad");
        AssertTorch([-1.0177860e+00f, -4.0464902e-01f, 3.1413323e-01f, 4.3337396e-01f, -2.8373638e-02f, -3.3565050e-01f,
                     -5.5399697e-02f, 4.4347310e-01f, 8.9456737e-01f, 1.8784663e-02f, -1.1577007e-01f, -1.2509397e-01f],
            F.AvgPool2d(x, 3, 2, 1, ceilMode: true, countIncludePad: false), "avg k3 s2 p1 ceil, exclude pad");
        AssertTorch([3.2227492e-01f, 3.4998319e-01f, 8.4871036e-01f, 1.2376579e+00f, 1.1167772e+00f, 6.4079237e-01f,
                     5.6665063e-01f, 1.2376579e+00f, 2.3022053e+00f, 2.3022053e+00f, 1.2032237e+00f, 5.6272137e-01f],
            F.MaxPool2d(x, 3, 2, 1, ceilMode: true), "max k3 s2 p1 ceil");
        AssertTorch([-2.8145996e-01f, -3.5073471e-01f, 1.0370789e-01f, 9.3999095e-02f, -2.4961054e-01f, -6.3524795e-01f,
                     -1.1779088e-01f, 5.1140249e-01f, 1.5881792e-01f, 4.7881499e-01f, -3.3546913e-01f, -1.2509397e-01f],
            F.AvgPool2d(x, 2, 2, 1, ceilMode: true, countIncludePad: true), "avg k2 s2 p1 ceil: last window clipped to the padded input (divisor 4)");
        AssertTorch([-1.0177860e+00f, -4.0464902e-01f, 3.1413323e-01f, 4.3337396e-01f, -2.8373638e-02f, -3.3565047e-01f,
                     -5.5399697e-02f, 4.4347310e-01f, 8.9456737e-01f, 1.8784663e-02f, -1.1577007e-01f, -1.2509397e-01f],
            F.AdaptiveAvgPool2d(x, (3, 4)), "adaptive 5x7 -> 3x4");
    }

    private static void AssertTorch(float[] expected, Tensor actual, string what)
    {
        CollectionAssert.AreEqual(new[] { 1, 1, 3, 4 }, actual.ShapeArray, $"{what}: shape");
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual.Data[i], 1e-6f + 1e-6f * Math.Abs(expected[i]), $"{what}[{i}]");
    }

    // ---------------------------------------------------------------- semantics

    [TestMethod]
    public void MaxPool_Ties_RouteGradientToFirstMaximum()
    {
        var x = Tensor.Ones(1, 1, 4, 4).RequiresGrad_();
        var y = F.MaxPool2d(x, 2, 2);
        y.Backward(Tensor.Ones(1, 1, 2, 2));
        float[] expected =
        [
            1, 0, 1, 0,
            0, 0, 0, 0,
            1, 0, 1, 0,
            0, 0, 0, 0,
        ];
        CollectionAssert.AreEqual(expected, x.Grad!.ToArray());
    }

    [TestMethod]
    public void MaxPool_TieAcrossRowsAndColumns_GoesToFirstInScanOrder()
    {
        // Equal maxima at (0, 2) and (1, 0): (0, 2) comes first in row-major scan order although its column is later.
        var x = Tensor.FromArray([0, 0, 5, 5, 0, 0, 0, 0, 0], 1, 1, 3, 3).RequiresGrad_();
        F.MaxPool2d(x, 3).Backward(Tensor.Ones(1, 1, 1, 1));
        CollectionAssert.AreEqual(new float[] { 0, 0, 1, 0, 0, 0, 0, 0, 0 }, x.Grad!.ToArray());

        // The same across frames in 3-D: (t 0, h 1, w 1) precedes (t 1, h 0, w 0).
        var x3 = Tensor.Zeros(1, 1, 2, 2, 2).RequiresGrad_();
        x3.Data[3] = 7f;
        x3.Data[4] = 7f;
        F.MaxPool3d(x3, 2).Backward(Tensor.Ones(1, 1, 1, 1, 1));
        CollectionAssert.AreEqual(new float[] { 0, 0, 0, 1, 0, 0, 0, 0 }, x3.Grad!.ToArray());
    }

    [TestMethod]
    public void MaxPool_NaN_Propagates()
    {
        // PyTorch takes val > max || isnan(val), so the output is NaN and the gradient goes to the last NaN in scan order.
        var x = Tensor.FromArray([1, 9, 2, 3, float.NaN, 4, float.NaN, 5, 6], 1, 1, 3, 3).RequiresGrad_();
        var y = F.MaxPool2d(x, 3);
        Assert.IsTrue(float.IsNaN(y.Data[0]));
        y.Backward(Tensor.Ones(1, 1, 1, 1));
        CollectionAssert.AreEqual(new float[] { 0, 0, 0, 0, 0, 0, 1, 0, 0 }, x.Grad!.ToArray());

        // Wide rows take the vector path: a NaN there must win too.
        var wide = Tensor.Zeros(1, 1, 2, 40);
        wide.Data[40 + 17] = float.NaN;
        var yw = F.MaxPool2d(wide, 2);
        Assert.IsTrue(float.IsNaN(yw.Data[8]));
        Assert.AreEqual(19, yw.ToArray().Count(v => v == 0f));
    }

    [TestMethod]
    public void MaxPool_Padding_ActsAsNegativeInfinity()
    {
        var x = Tensor.Full(-5f, 1, 1, 3, 3);
        var y = F.MaxPool2d(x, 3, 2, 1);
        CollectionAssert.AreEqual(new[] { -5f, -5f, -5f, -5f }, y.ToArray(), "zero padding would have won");
        var y3 = F.MaxPool3d(Tensor.Full(-2f, 1, 1, 2, 2, 2), 3, 1, 1);
        Assert.IsTrue(y3.ToArray().All(v => v == -2f));
    }

    [TestMethod]
    public void AvgPool_CountIncludePad_ChangesOnlyBorderDivisors()
    {
        var x = Tensor.Ones(1, 1, 3, 3);
        var include = F.AvgPool2d(x, 3, 1, 1, countIncludePad: true);
        var exclude = F.AvgPool2d(x, 3, 1, 1, countIncludePad: false);
        Assert.AreEqual(4f / 9f, include[0, 0, 0, 0], 1e-6f, "corner: 4 real of 9");
        Assert.AreEqual(1f, include[0, 0, 1, 1], 1e-6f, "centre");
        Assert.IsTrue(exclude.ToArray().All(v => Math.Abs(v - 1f) < 1e-6f), "exclude: mean of ones is one");
    }

    [TestMethod]
    public void Pools_UnbatchedInput_EqualsBatchOfOne()
    {
        var x = Random(8, 3, 6, 6);
        var unbatched = F.MaxPool2d(x, 3, 2, 1);
        var batched = F.MaxPool2d(x.Reshape(1, 3, 6, 6), 3, 2, 1);
        CollectionAssert.AreEqual(new[] { 3, 3, 3 }, unbatched.ShapeArray);
        CollectionAssert.AreEqual(batched.ToArray(), unbatched.ToArray());
    }

    [TestMethod]
    public void Pools_LargeInput_ThreadCountIndependent()
    {
        var x = Random(9, 4, 32, 4, 14, 14);
        int saved = CpuParallel.MaxDegree;
        try
        {
            var results = new List<float[]>();
            foreach (int degree in new[] { 1, 2 })
            {
                CpuParallel.MaxDegree = degree;
                var xi = Tensor.FromArray(x.Data, x.ShapeArray).RequiresGrad_();
                var a = F.MaxPool3d(xi, (1, 3, 3), (1, 2, 2), (0, 1, 1));
                var b = F.AvgPool3d(xi, 2, 2);
                var g = F.AdaptiveAvgPool3d(xi, 1);
                var t = F.AdaptiveAvgPool3d(xi, (4, 1, 1));
                a.Backward(Random(1, a.ShapeArray));
                b.Backward(Random(2, b.ShapeArray));
                g.Backward(Random(3, g.ShapeArray));
                t.Backward(Random(4, t.ShapeArray));
                results.Add([.. a.ToArray(), .. b.ToArray(), .. g.ToArray(), .. t.ToArray(), .. xi.Grad!.ToArray()]);
            }
            CollectionAssert.AreEqual(results[0], results[1]);
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
    }

    // ---------------------------------------------------------------- finite differences

    [TestMethod]
    public void MaxPool2d_GradCheck()
    {
        // Distinct values 0.1 apart so the +-eps perturbation never changes a window's winner.
        var x = DistinctValues(21, 2, 2, 5, 6).RequiresGrad_();
        GradCheck.Check(t => F.MaxPool2d(t[0], 3, 2, 1, ceilMode: true), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
    }

    [TestMethod]
    public void MaxPool3d_GradCheck()
    {
        var x = DistinctValues(22, 1, 2, 3, 4, 5).RequiresGrad_();
        GradCheck.Check(t => F.MaxPool3d(t[0], (2, 3, 3), (1, 2, 2), (1, 1, 1)), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
    }

    [TestMethod]
    public void AvgPool2d_GradCheck()
    {
        var x = Random(23, 2, 2, 5, 6).RequiresGrad_();
        GradCheck.Check(t => F.AvgPool2d(t[0], 3, 2, 1, ceilMode: true, countIncludePad: false), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
        GradCheck.Check(t => F.AvgPool2d(t[0], (2, 3), (1, 2), (1, 1)), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
    }

    [TestMethod]
    public void AvgPool3d_GradCheck()
    {
        var x = Random(24, 1, 2, 3, 4, 5).RequiresGrad_();
        GradCheck.Check(t => F.AvgPool3d(t[0], (2, 2, 3), (1, 2, 2), (1, 1, 1), countIncludePad: true), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
    }

    [TestMethod]
    public void AdaptiveAvgPool_GradCheck()
    {
        var x2 = Random(25, 1, 2, 7, 5).RequiresGrad_();
        GradCheck.Check(t => F.AdaptiveAvgPool2d(t[0], (3, 2)), [x2], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 70);
        var x3 = Random(26, 1, 2, 3, 4, 5).RequiresGrad_();
        GradCheck.Check(t => F.AdaptiveAvgPool3d(t[0], (2, 3, 1)), [x3], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
        GradCheck.Check(t => F.AdaptiveAvgPool3d(t[0], 1), [x3], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 120);
    }

    // ---------------------------------------------------------------- errors

    [TestMethod]
    public void Pools_BadArguments_ThrowNamingOpAndShapes()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.MaxPool2d(Tensor.Zeros(4, 4), 2));
        StringAssert.Contains(e.Message, "MaxPool2d");
        StringAssert.Contains(e.Message, "[4, 4]");

        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.AvgPool3d(Tensor.Zeros(2, 4, 4), 2));
        StringAssert.Contains(e.Message, "AvgPool3d");
        StringAssert.Contains(e.Message, "[2, 4, 4]");

        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.AvgPool2d(Tensor.Zeros(1, 1, 2, 2), 3));
        StringAssert.Contains(e.Message, "too small");
        StringAssert.Contains(e.Message, "[1, 1, 2, 2]");

        var r = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.MaxPool2d(Tensor.Zeros(1, 1, 8, 8), 3, 1, 2));
        StringAssert.Contains(r.Message, "half the kernel");
        StringAssert.Contains(r.Message, "[1, 1, 8, 8]");

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.MaxPool3d(Tensor.Zeros(1, 1, 4, 4, 4), 2, (0, 1, 1)));
        r = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.AdaptiveAvgPool2d(Tensor.Zeros(1, 1, 4, 4), (0, 1)));
        StringAssert.Contains(r.Message, "AdaptiveAvgPool2d");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.AdaptiveAvgPool3d(Tensor.Zeros(3, 4, 4), 1));
        StringAssert.Contains(e.Message, "AdaptiveAvgPool3d");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.AdaptiveAvgPool2d(Tensor.Zeros(1, 1, 0, 4), 1));
        StringAssert.Contains(e.Message, "[1, 1, 0, 4]");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A random permutation of 0, 0.1, 0.2, ... (no two values closer than 0.1).</summary>
    private static Tensor DistinctValues(int seed, params int[] shape)
    {
        int count = ShapeHelper.Count(shape);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = i * 0.1f - count * 0.05f;
        var gen = new Generator((ulong)seed);
        for (int i = count - 1; i > 0; i--)
        {
            int j = gen.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
        return Tensor.FromArray(values, shape);
    }

    private static void AssertNear(double[] expected, float[] actual, double tol, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, $"{what}: length");
        for (int i = 0; i < expected.Length; i++)
            Assert.IsTrue(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9}");
    }
}
