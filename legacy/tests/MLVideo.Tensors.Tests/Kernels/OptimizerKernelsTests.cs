using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The fused optimiser kernels against naive double-precision references, at every length 0..3x16+1 and every vector width.</summary>
[TestClass]
public sealed class OptimizerKernelsTests
{
    private static float[] Random(int n, int seed, float scale = 1f)
    {
        var g = new Generator((ulong)seed);
        var a = new float[n];
        g.FillNormal(a, 0, scale);
        return a;
    }

    private static void ForEachWidth(Action action)
    {
        int saved = OptimizerKernels.MaxVectorBits;
        try
        {
            foreach (int bits in new[] { 512, 256, 128 })
            {
                OptimizerKernels.MaxVectorBits = bits;
                action();
            }
        }
        finally
        {
            OptimizerKernels.MaxVectorBits = saved;
        }
    }

    private static void AssertClose(double expected, float actual, string what) =>
        Assert.AreEqual(expected, actual, 1e-6 + 1e-5 * Math.Abs(expected), what);

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void Sgd_AllLengths_MatchReference(bool nesterov, bool firstStep) => ForEachWidth(() =>
    {
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var p = Random(n, n + 1);
            var g = Random(n, n + 2);
            var buf = Random(n, n + 3);
            var (p0, buf0) = (p.ToArray(), buf.ToArray());
            var s = new SgdSettings(0.1f, 1e-2f, 0.9f, 0.8f, nesterov, firstStep);
            OptimizerKernels.Sgd(p, g, buf, s);
            for (int i = 0; i < n; i++)
            {
                double d = g[i] + 1e-2 * p0[i];
                double b = firstStep ? d : 0.9 * buf0[i] + 0.8 * d;
                double step = nesterov ? d + 0.9 * b : b;
                AssertClose(b, buf[i], $"buf n={n} i={i} bits={OptimizerKernels.MaxVectorBits}");
                AssertClose(p0[i] - 0.1 * step, p[i], $"p n={n} i={i} bits={OptimizerKernels.MaxVectorBits}");
            }
        }
    });

    [TestMethod]
    public void AdamW_AllLengths_MatchReference() => ForEachWidth(() =>
    {
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var p = Random(n, n + 1);
            var g = Random(n, n + 2);
            var m = Random(n, n + 3, 0.1f);
            var v = Random(n, n + 4, 0.1f).Select(x => x * x).ToArray();
            var (p0, m0, v0) = (p.ToArray(), m.ToArray(), v.ToArray());
            double lr = 1e-2, wd = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
            int t = 3;
            double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
            var s = new AdamWSettings((float)(1 - lr * wd), (float)b1, (float)(1 - b1), (float)b2, (float)(1 - b2), (float)(lr / bc1), (float)Math.Sqrt(bc2), (float)eps);
            OptimizerKernels.AdamW(p, g, m, v, s);
            for (int i = 0; i < n; i++)
            {
                double em = b1 * m0[i] + (1 - b1) * g[i];
                double ev = b2 * v0[i] + (1 - b2) * g[i] * (double)g[i];
                double ep = p0[i] * (1 - lr * wd) - lr / bc1 * em / (Math.Sqrt(ev) / Math.Sqrt(bc2) + eps);
                AssertClose(em, m[i], $"m n={n} i={i}");
                AssertClose(ev, v[i], $"v n={n} i={i}");
                AssertClose(ep, p[i], $"p n={n} i={i} bits={OptimizerKernels.MaxVectorBits}");
            }
        }
    });

    [TestMethod]
    public void SumOfSquaresAndScale_AllLengths_MatchReference() => ForEachWidth(() =>
    {
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var x = Random(n, n + 9);
            double expected = x.Sum(v => (double)v * v);
            Assert.AreEqual(expected, OptimizerKernels.SumOfSquares(x), 1e-9 + 1e-6 * expected, $"n={n}");
            var y = x.ToArray();
            OptimizerKernels.Scale(y, 0.5f);
            for (int i = 0; i < n; i++) Assert.AreEqual(x[i] * 0.5f, y[i]);
        }
    });

    [TestMethod]
    public void SgdParallel_LargeLength_MatchesSerial()
    {
        int n = 100_003;
        var p = Random(n, 1);
        var g = Random(n, 2);
        var buf = Random(n, 3);
        var (p2, buf2) = (p.ToArray(), buf.ToArray());
        var s = new SgdSettings(0.1f, 1e-4f, 0.9f, 1f, false, false);
        OptimizerKernels.SgdParallel(p, g, buf, n, s);
        OptimizerKernels.Sgd(p2, g, buf2, s);
        CollectionAssert.AreEqual(p2, p);
        CollectionAssert.AreEqual(buf2, buf);
    }

    [TestMethod]
    public void Sgd_MismatchedLengths_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => OptimizerKernels.Sgd(new float[4], new float[3], new float[4], new SgdSettings(0.1f, 0, 0.9f, 1, false, false)));
}
