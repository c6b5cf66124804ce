using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>
/// The packed and direct SGEMM paths against a naive triple loop, over odd shapes, every transpose
/// combination, alpha/beta, padded leading dimensions, each vector width and several blockings.
/// </summary>
[TestClass]
public sealed class GemmTests
{
    private const float Sentinel = -12345.5f;

    /// <summary>Naive reference (double accumulation), the formula of the Sgemm doc comment.</summary>
    private static void NaiveSgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += (double)av * bv;
                }
                ref float cv = ref c[i * ldc + j];
                cv = beta == 0f ? (float)(alpha * s) : (float)(alpha * s + (double)beta * cv);
            }
        }
    }

    /// <summary>The sum of |terms| per element, which bounds float32 rounding error of any summation order.</summary>
    private static double[] Magnitudes(bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        var mag = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += Math.Abs((double)av * bv);
                }
                mag[i * n + j] = Math.Abs(alpha) * s + (beta == 0f ? 0 : Math.Abs(beta * c[i * ldc + j]));
            }
        return mag;
    }

    private delegate void GemmPath(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    private static float[] RandomPadded(Random rng, int rows, int ld, int extra)
    {
        var x = new float[Math.Max(0, rows * ld) + extra];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Runs one case through <paramref name="path"/> and the reference; C's padding and the tail must be untouched.</summary>
    private static void CheckCase(GemmPath path, Random rng, bool transA, bool transB, int m, int n, int k,
        float alpha, float beta, int pad, string what)
    {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Math.Max(1, aCols + pad), ldb = Math.Max(1, bCols + pad), ldc = Math.Max(1, n + pad);
        float[] a = RandomPadded(rng, aRows, lda, 0);
        float[] b = RandomPadded(rng, bRows, ldb, 0);
        float[] c0 = RandomPadded(rng, m, ldc, 3);
        // Padding columns of C and the trailing elements are sentinels that must survive.
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc; j++) c0[i * ldc + j] = Sentinel;
        for (int t = m * ldc; t < c0.Length; t++) c0[t] = Sentinel;
        if (beta == 0f && m > 0 && n > 0) c0[0] = float.NaN; // beta = 0 must overwrite, not propagate NaN
        var expected = (float[])c0.Clone();
        var actual = (float[])c0.Clone();
        double[] mag = Magnitudes(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c0, ldc);
        NaiveSgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        path(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int idx = i * ldc + j;
                if (j >= n)
                {
                    Assert.AreEqual(Sentinel, actual[idx], $"{what}: padding C[{i},{j}] was written");
                    continue;
                }
                double tol = 4e-7 * (k + 2) * mag[i * n + j] + 1e-30;
                double diff = Math.Abs((double)actual[idx] - expected[idx]);
                if (!(diff <= tol))
                    Assert.Fail($"{what}: C[{i},{j}] = {actual[idx]:G9}, reference {expected[idx]:G9} (tolerance {tol:G3})");
            }
        }
        for (int t = m * ldc; t < actual.Length; t++) Assert.AreEqual(Sentinel, actual[t], $"{what}: element past C was written");
    }

    private static readonly int[] OddSizes = [1, 2, 3, 4, 5, 7, 11, 12, 13, 16, 17, 31, 32, 33, 47, 64, 65, 70];

    private static void SweepShapes(GemmPath path, string label, int seed, int cases)
    {
        var rng = new Random(seed);
        float[] alphas = [1f, -0.5f, 2f];
        float[] betas = [0f, 1f, 0.25f];
        for (int c = 0; c < cases; c++)
        {
            int m = OddSizes[rng.Next(OddSizes.Length)];
            int n = OddSizes[rng.Next(OddSizes.Length)];
            int k = OddSizes[rng.Next(OddSizes.Length)];
            bool transA = (c & 1) != 0, transB = (c & 2) != 0;
            float alpha = alphas[rng.Next(alphas.Length)], beta = betas[rng.Next(betas.Length)];
            int pad = rng.Next(3) == 0 ? 0 : rng.Next(1, 5);
            CheckCase(path, rng, transA, transB, m, n, k, alpha, beta, pad,
                $"{label} m {m} n {n} k {k} transA {transA} transB {transB} alpha {alpha} beta {beta} pad {pad}");
        }
    }

    private static void WithVectorBits(int bits, Action action)
    {
        int saved = Gemm.MaxVectorBits;
        Gemm.MaxVectorBits = bits;
        try { action(); }
        finally { Gemm.MaxVectorBits = saved; }
    }

    private static GemmPath Packed(GemmBlockSizes sizes) =>
        (bool ta, bool tb, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
            Gemm.SgemmPacked(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, sizes);

    [TestMethod]
    [DataRow(512, 0)]
    [DataRow(512, 144)]
    [DataRow(256, 0)]
    [DataRow(256, 144)]
    [DataRow(0, 0)]
    [DataRow(0, 144)]
    public void SgemmPacked_SmallBlocksOddShapes_MatchesNaive(int bits, int inPlaceBMaxRows)
    {
        // Tiny blocks so that every shape crosses several MC, KC and NC boundaries and edge tiles; B is
        // either always packed (0) or read in place for these few-row shapes (144).
        int saved = Gemm.InPlaceBMaxRows;
        Gemm.InPlaceBMaxRows = inPlaceBMaxRows;
        try
        {
            WithVectorBits(bits, () => SweepShapes(Packed(new GemmBlockSizes(MC: 13, KC: 9, NC: 40)), $"packed/{bits}/{inPlaceBMaxRows}", 11 + bits + inPlaceBMaxRows, 240));
        }
        finally { Gemm.InPlaceBMaxRows = saved; }
    }

    [TestMethod]
    [DataRow(512, 90, 333, 150)]
    [DataRow(512, 333, 90, 150)]
    [DataRow(256, 90, 333, 150)]
    [DataRow(256, 333, 90, 150)]
    [DataRow(0, 333, 90, 150)]
    public void SgemmPacked_TwoThreads_MatchesNaive(int bits, int m, int n, int k)
    {
        // Big enough to split over two threads (columns when n >= m, else rows), with small blocks so each
        // thread's share crosses many KC, MC and NC blocks, and with the default blocks.
        var rng = new Random(m * 7 + bits);
        int saved = CpuParallel.MaxDegree;
        CpuParallel.MaxDegree = 2;
        try
        {
            foreach (var sizes in new[] { new GemmBlockSizes(MC: 13, KC: 9, NC: 40), GemmBlockSizes.Default })
                for (int t = 0; t < 4; t++)
                    WithVectorBits(bits, () => CheckCase(Packed(sizes), rng, (t & 1) != 0, (t & 2) != 0, m, n, k, 0.5f, 1f, 3,
                        $"two threads {m}x{n}x{k} trans {t} {sizes}"));
        }
        finally { CpuParallel.MaxDegree = saved; }
    }

    [TestMethod]
    [DataRow(512)]
    [DataRow(256)]
    [DataRow(0)]
    public void SgemmPacked_DefaultBlocksOddShapes_MatchesNaive(int bits)
    {
        WithVectorBits(bits, () => SweepShapes(Packed(GemmBlockSizes.Default), $"packed-default/{bits}", 23 + bits, 160));
    }

    [TestMethod]
    [DataRow(512)]
    [DataRow(256)]
    [DataRow(0)]
    public void SgemmDirect_OddShapes_MatchesNaive(int bits)
    {
        WithVectorBits(bits, () => SweepShapes(Gemm.SgemmDirect, $"direct/{bits}", 37 + bits, 200));
    }

    [TestMethod]
    public void Sgemm_PublicEntryOddShapes_MatchesNaive()
    {
        SweepShapes(Gemm.Sgemm, "Sgemm", 5, 200);
    }

    [TestMethod]
    public void Sgemm_AllTransposesOneToSeventy_MatchesNaive()
    {
        // Square-ish shapes 1..70 (step 3) in every transpose combination through the public entry.
        var rng = new Random(3);
        for (int s = 1; s <= 70; s += 3)
            for (int t = 0; t < 4; t++)
                CheckCase(Gemm.Sgemm, rng, (t & 1) != 0, (t & 2) != 0, s, s + 1 + s % 5, s + 2, 1.5f, 0.5f, 1, $"size {s} trans {t}");
    }

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void Sgemm_LargerThanOneBlock_MatchesNaive(bool transA, bool transB)
    {
        // K beyond one KC block (512), M beyond one MC block (144), and both threads at work.
        CheckCase(Gemm.Sgemm, new Random(9), transA, transB, 203, 97, 530, 1f, 1f, 2, $"large transA {transA} transB {transB}");
    }

    [TestMethod]
    public void Sgemm_ZeroK_ScalesC()
    {
        var rng = new Random(1);
        CheckCase(Gemm.Sgemm, rng, false, false, 5, 7, 0, 1f, 0.5f, 2, "k 0 beta 0.5");
        CheckCase(Gemm.Sgemm, rng, true, true, 5, 7, 0, 1f, 0f, 2, "k 0 beta 0");
        CheckCase(Packed(GemmBlockSizes.Default), rng, false, true, 5, 7, 0, 1f, 1f, 0, "packed k 0 beta 1");
        CheckCase(Gemm.SgemmDirect, rng, true, false, 5, 7, 0, 2f, 0f, 0, "direct k 0 beta 0");
    }

    [TestMethod]
    public void Sgemm_EmptyOutput_DoesNothing()
    {
        Gemm.Sgemm(false, false, 0, 5, 3, 1f, [], 3, new float[15], 5, 0f, [], 5);
        Gemm.Sgemm(false, false, 4, 0, 3, 1f, new float[12], 3, [], 1, 0f, [], 1);
    }

    [TestMethod]
    [DataRow(150, 333, 300, true)]
    [DataRow(260, 100, 300, false)] // rows split: 260 rows pack B, each thread's 130 read it in place
    public void Sgemm_ThreadCount_DoesNotChangeBits(int m, int n, int k, bool transB)
    {
        var rng = new Random(4);
        float[] a = RandomPadded(rng, m, k, 0), b = RandomPadded(rng, k, n, 0);
        int ldb = transB ? k : n;
        var one = new float[m * n];
        var two = new float[m * n];
        int saved = CpuParallel.MaxDegree;
        try
        {
            CpuParallel.MaxDegree = 1;
            Gemm.Sgemm(false, transB, m, n, k, 1f, a, k, b, ldb, 0f, one, n);
            CpuParallel.MaxDegree = 2;
            Gemm.Sgemm(false, transB, m, n, k, 1f, a, k, b, ldb, 0f, two, n);
        }
        finally { CpuParallel.MaxDegree = saved; }
        CollectionAssert.AreEqual(one, two, "1 and 2 threads must give identical bits");
    }

    [TestMethod]
    [DataRow(1, 1000, 300)]
    [DataRow(3, 700, 500)]
    [DataRow(900, 2, 600)]
    public void SgemmDirect_LargeThin_MatchesNaiveWithAnyThreadCount(int m, int n, int k)
    {
        // Big enough for the direct path to split rows (or, for one row, column blocks) across threads.
        var rng = new Random(m + n + k);
        for (int t = 0; t < 4; t++)
            CheckCase(Gemm.SgemmDirect, rng, (t & 1) != 0, (t & 2) != 0, m, n, k, 1f, 0.5f, 1, $"thin {m}x{n}x{k} trans {t}");
        float[] a = RandomPadded(rng, m, k, 0), b = RandomPadded(rng, n, k, 0);
        var one = new float[m * n];
        var two = new float[m * n];
        int saved = CpuParallel.MaxDegree;
        try
        {
            CpuParallel.MaxDegree = 1;
            Gemm.SgemmDirect(false, true, m, n, k, 1f, a, k, b, k, 0f, one, n);
            CpuParallel.MaxDegree = 2;
            Gemm.SgemmDirect(false, true, m, n, k, 1f, a, k, b, k, 0f, two, n);
        }
        finally { CpuParallel.MaxDegree = saved; }
        CollectionAssert.AreEqual(one, two, "1 and 2 threads must give identical bits");
    }

    [TestMethod]
    public void SgemmPacked_VectorWidths_GiveIdenticalBits()
    {
        // Same K blocking and FMA order per element: the 512, 256 and scalar kernels give identical bits.
        var rng = new Random(8);
        int m = 37, n = 45, k = 70;
        float[] a = RandomPadded(rng, m, k, 0), b = RandomPadded(rng, k, n, 0);
        float[][] results = new float[3][];
        int[] widths = [512, 256, 0];
        for (int w = 0; w < 3; w++)
        {
            var c = new float[m * n];
            WithVectorBits(widths[w], () => Gemm.SgemmPacked(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n, GemmBlockSizes.Default));
            results[w] = c;
        }
        CollectionAssert.AreEqual(results[0], results[1], "512 vs 256");
        CollectionAssert.AreEqual(results[0], results[2], "512 vs scalar");
    }

    [TestMethod]
    public void Sgemm_ShortSpanOrBadLeadingDimension_Throws()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        var e1 = Assert.ThrowsExactly<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, new float[3], 2));
        StringAssert.Contains(e1.Message, "C");
        var e2 = Assert.ThrowsExactly<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2));
        StringAssert.Contains(e2.Message, "leading dimension of A");
        var e3 = Assert.ThrowsExactly<ArgumentException>(() => Gemm.Sgemm(false, true, 2, 2, 3, 1f, a, 3, new float[5], 3, 0f, c, 2));
        StringAssert.Contains(e3.Message, "B");
        Assert.ThrowsExactly<ArgumentException>(() => Gemm.Sgemm(false, false, -1, 2, 3, 1f, a, 3, b, 2, 0f, c, 2));
    }
}
