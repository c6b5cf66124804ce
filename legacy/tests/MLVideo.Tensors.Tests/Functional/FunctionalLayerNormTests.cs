using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary><see cref="F.LayerNorm"/> (Functional.Normalization.cs, LayerNormKernels.cs).</summary>
[TestClass]
public sealed class FunctionalLayerNormTests
{
    [TestMethod]
    public void LayerNorm_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("layer_norm");
        var x = f.Get("in.x").RequiresGrad_();
        var weight = f.Get("param.weight").RequiresGrad_();
        var bias = f.Get("param.bias").RequiresGrad_();
        var y = F.LayerNorm(x, [16], weight, bias, (float)f.Config.GetProperty("eps").GetDouble());
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        f.AssertClose("grad.param.weight", weight.Grad!);
        f.AssertClose("grad.param.bias", bias.Grad!);
    }

    [TestMethod]
    public void LayerNorm_GradCheck_WithAffine()
    {
        var x = Random(1, 3, 2, 5).RequiresGrad_();
        var weight = Random(2, 2, 5).RequiresGrad_();
        var bias = Random(3, 2, 5).RequiresGrad_();
        GradCheck.Check(t => F.LayerNorm(t[0], [2, 5], t[1], t[2]), [x, weight, bias], atol: 1e-3, rtol: 1e-2, maxChecksPerInput: 64);
    }

    [TestMethod]
    public void LayerNorm_GradCheck_NoAffineAndWeightOnly()
    {
        var x = Random(4, 4, 6).RequiresGrad_();
        GradCheck.Check(t => F.LayerNorm(t[0], [6]), [x], atol: 1e-3, rtol: 1e-2);
        var weight = Random(5, 6).RequiresGrad_();
        GradCheck.Check(t => F.LayerNorm(t[0], [6], t[1]), [x, weight], atol: 1e-3, rtol: 1e-2);
        var bias = Random(6, 6).RequiresGrad_();
        GradCheck.Check(t => F.LayerNorm(t[0], [6], null, t[1]), [x, bias], atol: 1e-3, rtol: 1e-2);
    }

    [TestMethod]
    [DataRow(7, 3, DisplayName = "short rows (scalar tails)")]
    [DataRow(300, 1024, DisplayName = "many wide rows: rows and columns split over threads")]
    public void LayerNorm_MatchesDoubleReferenceAndThreadCountIndependent(int rows, int d)
    {
        var x = Random(7, rows, d);
        var w = Random(8, d);
        var b = Random(9, d);
        var dy = Random(10, rows, d);
        int saved = CpuParallel.MaxDegree;
        try
        {
            var runs = new List<float[]>();
            foreach (int degree in new[] { 1, 2 })
            {
                CpuParallel.MaxDegree = degree;
                var xi = Tensor.FromArray(x.Data, x.ShapeArray).RequiresGrad_();
                var wi = Tensor.FromArray(w.Data, w.ShapeArray).RequiresGrad_();
                var bi = Tensor.FromArray(b.Data, b.ShapeArray).RequiresGrad_();
                var y = F.LayerNorm(xi, [d], wi, bi);
                y.Backward(dy);
                runs.Add([.. y.ToArray(), .. xi.Grad!.ToArray(), .. wi.Grad!.ToArray(), .. bi.Grad!.ToArray()]);
            }
            CollectionAssert.AreEqual(runs[0], runs[1], "1 vs 2 threads");

            // Reference in double.
            var expected = new List<double>();
            var dxRef = new double[rows * d];
            var dwRef = new double[d];
            var dbRef = new double[d];
            var yRef = new double[rows * d];
            for (int r = 0; r < rows; r++)
            {
                double mean = 0, variance = 0;
                for (int j = 0; j < d; j++) mean += x.Data[r * d + j];
                mean /= d;
                for (int j = 0; j < d; j++) variance += Math.Pow(x.Data[r * d + j] - mean, 2);
                double rstd = 1 / Math.Sqrt(variance / d + 1e-5);
                double sumG = 0, sumGx = 0;
                for (int j = 0; j < d; j++)
                {
                    double xhat = (x.Data[r * d + j] - mean) * rstd;
                    double g = dy.Data[r * d + j] * w.Data[j];
                    yRef[r * d + j] = xhat * w.Data[j] + b.Data[j];
                    sumG += g;
                    sumGx += g * xhat;
                    dwRef[j] += dy.Data[r * d + j] * xhat;
                    dbRef[j] += dy.Data[r * d + j];
                }
                for (int j = 0; j < d; j++)
                {
                    double xhat = (x.Data[r * d + j] - mean) * rstd;
                    dxRef[r * d + j] = rstd * (dy.Data[r * d + j] * w.Data[j] - sumG / d - xhat * sumGx / d);
                }
            }
            expected.AddRange(yRef);
            expected.AddRange(dxRef);
            expected.AddRange(dwRef);
            expected.AddRange(dbRef);
            for (int i = 0; i < expected.Count; i++)
                Assert.IsTrue(Math.Abs(expected[i] - runs[1][i]) <= 5e-4 * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]:G9}, got {runs[1][i]:G9}");
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
    }

    [TestMethod]
    public void LayerNorm_BadShapes_ThrowNamingOpAndShapes()
    {
        var x = Tensor.Zeros(2, 5, 8);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.LayerNorm(x, [16]));
        StringAssert.Contains(e.Message, "LayerNorm");
        StringAssert.Contains(e.Message, "[16]");
        StringAssert.Contains(e.Message, "[2, 5, 8]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.LayerNorm(x, [8], Tensor.Ones(5)));
        StringAssert.Contains(e.Message, "weight [5]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.LayerNorm(x, [5, 8], null, Tensor.Ones(8)));
        StringAssert.Contains(e.Message, "bias [8]");
        Assert.ThrowsExactly<ShapeMismatchException>(() => F.LayerNorm(x, [1, 2, 5, 8]));
    }
}
