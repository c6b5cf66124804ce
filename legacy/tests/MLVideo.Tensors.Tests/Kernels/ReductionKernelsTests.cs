using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>Span reductions (sum, dot, max) and axis sums against naive loops, at every length 0..49 and each vector width.</summary>
[TestClass]
public sealed class ReductionKernelsTests
{
    [TestCleanup]
    public void RestoreWidth() => KernelWidth.MaxBits = 512;

    [TestMethod]
    public void SumDotMax_AllLengthsAndWidths_MatchNaive()
    {
        var gen = new Generator(6);
        foreach (int width in new[] { 512, 256, 0 })
        {
            KernelWidth.MaxBits = width;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                var x = new float[n];
                var y = new float[n];
                gen.FillUniform(x, -2, 2);
                gen.FillUniform(y, -2, 2);
                double sum = 0, dot = 0;
                float max = float.NegativeInfinity;
                for (int i = 0; i < n; i++)
                {
                    sum += x[i];
                    dot += (double)x[i] * y[i];
                    max = Math.Max(max, x[i]);
                }
                Assert.AreEqual(sum, ReductionKernels.Sum(x), 1e-5, $"sum width {width} n {n}");
                Assert.AreEqual(dot, ReductionKernels.Dot(x, y), 1e-5, $"dot width {width} n {n}");
                Assert.AreEqual(max, ReductionKernels.Max(x), $"max width {width} n {n}");
                if (n > 0)
                {
                    x[n - 1] = float.NaN;
                    Assert.IsTrue(float.IsNaN(ReductionKernels.Max(x)), $"max NaN width {width} n {n}");
                }
            }
        }
    }

    [TestMethod]
    public void MaxAxis_AllInnerLengthsAndWidths_MatchNaiveWithTiesAndNaN()
    {
        var gen = new Generator(10);
        foreach (int width in new[] { 512, 256, 0 })
        {
            KernelWidth.MaxBits = width;
            for (int inner = 0; inner <= 3 * 16 + 1; inner++)
                foreach (int n in new[] { 1, 2, 5 })
                {
                    const int outer = 2;
                    var src = new float[outer * n * inner];
                    for (int e = 0; e < src.Length; e++)
                    {
                        int r = gen.NextInt(10);
                        src[e] = r == 0 ? float.NaN : r % 3; // few distinct values: many ties, some NaN
                    }
                    var values = new float[outer * inner];
                    var indices = new int[outer * inner];
                    ReductionKernels.MaxAxis(src, values, indices, outer, n, inner);
                    for (int o = 0; o < outer; o++)
                        for (int i = 0; i < inner; i++)
                        {
                            int best = 0;
                            for (int j = 0; j < n; j++)
                            {
                                float v = src[(o * n + j) * inner + i];
                                if (float.IsNaN(v)) { best = j; break; }
                                if (v > src[(o * n + best) * inner + i]) best = j;
                            }
                            string what = $"width {width} n {n} inner {inner} at ({o}, {i})";
                            Assert.AreEqual(best, indices[o * inner + i], what);
                            Assert.AreEqual(src[(o * n + best) * inner + i], values[o * inner + i], what);
                        }
                }
        }
    }

    [TestMethod]
    public void SumAxis_ShapesAroundBlockSizes_MatchNaive()
    {
        var gen = new Generator(7);
        foreach (var (outer, n, inner) in new[] { (1, 1, 1), (3, 0, 4), (2, 5, 1), (2, 5, 3), (1, 3, 4097), (3, 2, 17), (1, 10000, 1) })
        {
            var src = new float[outer * n * inner];
            gen.FillUniform(src, -1, 1);
            var dst = new float[outer * inner];
            dst.AsSpan().Fill(float.NaN);
            ReductionKernels.SumAxis(src, dst, outer, n, inner);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += src[(o * n + j) * inner + i];
                    Assert.AreEqual(s, dst[o * inner + i], 1e-3, $"({outer}, {n}, {inner}) at ({o}, {i})");
                }
        }
    }

    [TestMethod]
    public void SumAll_ManyBlocks_AccurateAndDeterministic()
    {
        var gen = new Generator(8);
        var x = new float[300_001];
        gen.FillUniform(x, 0, 1);
        double exact = x.Sum(v => (double)v);
        float a = ReductionKernels.SumAll(x, x.Length);
        Assert.AreEqual(exact, a, 1e-7 * exact * 10);
        Assert.AreEqual(a, ReductionKernels.SumAll(x, x.Length));
        Assert.AreEqual(a, ReductionKernels.SumBlocked(x), 1e-7 * exact, "serial blocked sum");
        var rowSum = new float[1];
        ReductionKernels.SumAxis(x, rowSum, 1, x.Length, 1);
        Assert.AreEqual(exact, rowSum[0], 1e-6 * exact, "one long row");
    }
}
