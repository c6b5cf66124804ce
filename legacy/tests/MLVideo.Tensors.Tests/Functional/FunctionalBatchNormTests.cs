using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary><see cref="F.BatchNorm"/> (Functional.Normalization.cs, BatchNormKernels.cs).</summary>
[TestClass]
public sealed class FunctionalBatchNormTests
{
    [TestMethod]
    [DataRow("batchnorm1d_train")]
    [DataRow("batchnorm1d_eval")]
    [DataRow("batchnorm1d_ncl_train")]
    [DataRow("batchnorm1d_ncl_eval")]
    [DataRow("batchnorm2d_train")]
    [DataRow("batchnorm2d_eval")]
    [DataRow("batchnorm3d_train")]
    [DataRow("batchnorm3d_eval")]
    public void BatchNorm_Fixture_MatchesPyTorch(string caseName)
    {
        var f = Fixture.Load(caseName);
        bool training = f.Config.GetProperty("mode").GetString() == "train";
        float momentum = (float)f.Config.GetProperty("momentum").GetDouble();
        float eps = (float)f.Config.GetProperty("eps").GetDouble();
        var x = f.Get("in.x").RequiresGrad_();
        var weight = f.Get("param.weight").RequiresGrad_();
        var bias = f.Get("param.bias").RequiresGrad_();
        var runningMean = f.Get("buffer.running_mean");
        var runningVar = f.Get("buffer.running_var");
        float[] meanBefore = runningMean.ToArray(), varBefore = runningVar.ToArray();

        var y = F.BatchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
        f.AssertClose("out.y", y);
        if (training)
        {
            f.AssertClose("buffer_after.running_mean", runningMean);
            f.AssertClose("buffer_after.running_var", runningVar);
        }
        else
        {
            CollectionAssert.AreEqual(meanBefore, runningMean.ToArray(), "eval must not touch running_mean");
            CollectionAssert.AreEqual(varBefore, runningVar.ToArray(), "eval must not touch running_var");
        }

        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        f.AssertClose("grad.param.weight", weight.Grad!);
        f.AssertClose("grad.param.bias", bias.Grad!);
    }

    [TestMethod]
    [DataRow(5, 3, new int[0], true, DisplayName = "(N, C) train: column path")]
    [DataRow(5, 3, new int[0], false, DisplayName = "(N, C) eval")]
    [DataRow(3, 2, new[] { 4 }, true, DisplayName = "(N, C, L) train")]
    [DataRow(2, 3, new[] { 3, 3 }, true, DisplayName = "(N, C, H, W) train")]
    [DataRow(2, 3, new[] { 3, 3 }, false, DisplayName = "(N, C, H, W) eval")]
    [DataRow(2, 2, new[] { 2, 3, 3 }, true, DisplayName = "(N, C, T, H, W) train")]
    public void BatchNorm_GradCheck(int n, int c, int[] spatial, bool training)
    {
        int[] shape = [n, c, .. spatial];
        var x = Random(11, shape).RequiresGrad_();
        var weight = Tensor.Rand([c], 0.5f, 1.5f, new Generator(2)).RequiresGrad_();
        var bias = Random(3, c).RequiresGrad_();
        var runningMean = Random(4, c);
        var runningVar = Tensor.Rand([c], 0.5f, 1.5f, new Generator(5));
        // Train-mode gradients depend on the batch statistics, so a wrong mean/variance term shows up here;
        // the running stats are copied per call so the repeated forwards of the check all see the same ones.
        GradCheck.Check(t => F.BatchNorm(t[0], Copy(runningMean), Copy(runningVar), t[1], t[2], training),
            [x, weight, bias], eps: 1e-2, atol: 1e-3, rtol: 1e-2, maxChecksPerInput: 128);
    }

    [TestMethod]
    public void BatchNorm_NoWeightNoBias_GradCheckAndEqualsUnitAffine()
    {
        var x = Random(21, 3, 4, 5).RequiresGrad_();
        GradCheck.Check(t => F.BatchNorm(t[0], null, null, null, null, training: true), [x], atol: 1e-3, rtol: 1e-2);
        var plain = F.BatchNorm(x, null, null, null, null, training: false);
        var unit = F.BatchNorm(x, null, null, Tensor.Ones(4), Tensor.Zeros(4), training: false);
        AssertSame(unit.ToArray(), plain, "null weight/bias vs 1/0");
    }

    [TestMethod]
    [DataRow(64, 700, new int[0], DisplayName = "(N, C) wide: column chunks on two threads")]
    [DataRow(6, 40, new[] { 9, 13 }, DisplayName = "(N, C, H, W)")]
    [DataRow(2, 24, new[] { 4, 7, 7 }, DisplayName = "(N, C, T, H, W)")]
    public void BatchNorm_LargeInputs_MatchDoubleReferenceAndThreadCountIndependent(int n, int c, int[] spatial)
    {
        int[] shape = [n, c, .. spatial];
        var x = Random(31, shape);
        var weight = Random(32, c);
        var bias = Random(33, c);
        var dy = Random(34, shape);
        int saved = CpuParallel.MaxDegree;
        try
        {
            var runs = new List<(float[] Y, float[] Dx, float[] Dw, float[] Db, float[] Rm, float[] Rv)>();
            foreach (int degree in new[] { 1, 2 })
            {
                CpuParallel.MaxDegree = degree;
                var xi = Copy(x).RequiresGrad_();
                var wi = Copy(weight).RequiresGrad_();
                var bi = Copy(bias).RequiresGrad_();
                var rm = Tensor.Zeros(c);
                var rv = Tensor.Ones(c);
                var y = F.BatchNorm(xi, rm, rv, wi, bi, training: true, momentum: 0.3f);
                y.Backward(dy);
                runs.Add((y.ToArray(), xi.Grad!.ToArray(), wi.Grad!.ToArray(), bi.Grad!.ToArray(), rm.ToArray(), rv.ToArray()));
            }
            CollectionAssert.AreEqual(runs[0].Y, runs[1].Y, "output: 1 vs 2 threads");
            CollectionAssert.AreEqual(runs[0].Dx, runs[1].Dx, "dx: 1 vs 2 threads");
            CollectionAssert.AreEqual(runs[0].Dw, runs[1].Dw, "dweight: 1 vs 2 threads");

            var reference = ReferenceBatchNormTrain(x.ToArray(), dy.ToArray(), n, c, x.Count / (n * c), weight.ToArray(), bias.ToArray(), 0.3, 1e-5);
            AssertNear(reference.Y, runs[1].Y, 2e-5, "output");
            AssertNear(reference.Dx, runs[1].Dx, 2e-4, "dx");
            AssertNear(reference.Dw, runs[1].Dw, 2e-3, "dweight");
            AssertNear(reference.Db, runs[1].Db, 2e-3, "dbias");
            AssertNear(reference.Rm, runs[1].Rm, 1e-5, "running mean");
            AssertNear(reference.Rv, runs[1].Rv, 1e-5, "running var");
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
    }

    [TestMethod]
    public void BatchNorm_EvalWithoutRunningStats_UsesBatchStatistics()
    {
        var x = Random(41, 4, 3, 2);
        var eval = F.BatchNorm(x, null, null, null, null, training: false);
        var train = F.BatchNorm(x, null, null, null, null, training: true);
        AssertSame(train.ToArray(), eval, "track_running_stats=False behaviour");
    }

    [TestMethod]
    public void BatchNorm_NoGrad_RecordsNothing()
    {
        var x = Random(42, 4, 3).RequiresGrad_();
        using (Autograd.NoGrad())
        {
            var y = F.BatchNorm(x, null, null, null, null, training: true);
            Assert.IsNull(y.GradFn);
        }
    }

    [TestMethod]
    public void BatchNorm_BadShapes_ThrowNamingOpAndShapes()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.BatchNorm(Tensor.Zeros(5), null, null, null, null, true));
        StringAssert.Contains(e.Message, "BatchNorm");
        StringAssert.Contains(e.Message, "[5]");

        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.BatchNorm(Tensor.Zeros(2, 3, 4), null, null, Tensor.Ones(4), null, true));
        StringAssert.Contains(e.Message, "weight [4]");
        StringAssert.Contains(e.Message, "[2, 3, 4]");

        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.BatchNorm(Tensor.Zeros(2, 3), Tensor.Zeros(3, 1), Tensor.Ones(3), null, null, false));
        StringAssert.Contains(e.Message, "runningMean [3, 1]");

        var a = Assert.ThrowsExactly<ArgumentException>(() => F.BatchNorm(Tensor.Zeros(1, 3), Tensor.Zeros(3), Tensor.Ones(3), null, null, true));
        StringAssert.Contains(a.Message, "more than 1 value per channel");
        StringAssert.Contains(a.Message, "[1, 3]");

        a = Assert.ThrowsExactly<ArgumentException>(() => F.BatchNorm(Tensor.Zeros(2, 3), Tensor.Zeros(3), null, null, null, false));
        StringAssert.Contains(a.Message, "together");
    }

    private static Tensor Copy(Tensor t) => Tensor.FromArray(t.Data, t.ShapeArray);

    private static void AssertNear(double[] expected, float[] actual, double tol, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (int i = 0; i < expected.Length; i++)
            Assert.IsTrue(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9}");
    }

    /// <summary>Textbook train-mode batch norm in double (forward, backward and running update from 0/1).</summary>
    private static (double[] Y, double[] Dx, double[] Dw, double[] Db, double[] Rm, double[] Rv) ReferenceBatchNormTrain(
        float[] x, float[] dy, int n, int c, int s, float[] w, float[] b, double momentum, double eps)
    {
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var dw = new double[c];
        var db = new double[c];
        var rm = new double[c];
        var rv = new double[c];
        int m = n * s;
        for (int ch = 0; ch < c; ch++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) mean += x[(i * c + ch) * s + j];
            mean /= m;
            for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) variance += Math.Pow(x[(i * c + ch) * s + j] - mean, 2);
            variance /= m;
            double inv = 1 / Math.Sqrt(variance + eps);
            double sumDy = 0, sumDyXhat = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++)
                {
                    int o = (i * c + ch) * s + j;
                    double xhat = (x[o] - mean) * inv;
                    y[o] = xhat * w[ch] + b[ch];
                    sumDy += dy[o];
                    sumDyXhat += dy[o] * xhat;
                }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++)
                {
                    int o = (i * c + ch) * s + j;
                    double xhat = (x[o] - mean) * inv;
                    dx[o] = w[ch] * inv * (dy[o] - sumDy / m - xhat * sumDyXhat / m);
                }
            dw[ch] = sumDyXhat;
            db[ch] = sumDy;
            rm[ch] = momentum * mean;
            rv[ch] = (1 - momentum) + momentum * variance * m / (m - 1);
        }
        return (y, dx, dw, db, rm, rv);
    }
}
