using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary><see cref="SpanVectorOps"/> against naive loops at every length from 0 to 3 × 16 + 1 (vector bodies and tails).</summary>
[TestClass]
public sealed class SpanVectorOpsTests
{
    private const int MaxLength = 3 * 16 + 1;

    private static float[] Values(int seed, int n)
    {
        var a = new float[n];
        new Generator((ulong)seed).FillNormal(a, 0.3f, 1.5f);
        return a;
    }

    [TestMethod]
    public void Reductions_AllLengths_MatchNaiveSums()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Values(n, n), dy = Values(100 + n, n);
            const float mean = 0.25f;
            double sum = 0, squares = 0, sumDy = 0, dot = 0;
            for (int i = 0; i < n; i++)
            {
                sum += x[i];
                squares += (x[i] - mean) * (double)(x[i] - mean);
                sumDy += dy[i];
                dot += dy[i] * (double)(x[i] - mean);
            }
            Assert.AreEqual(sum, SpanVectorOps.Sum(x), 1e-5 * (1 + n), $"Sum, length {n}");
            Assert.AreEqual(squares, SpanVectorOps.SumSquaredDeviation(x, mean), 1e-5 * (1 + n), $"SumSquaredDeviation, length {n}");
            var (s, d) = SpanVectorOps.SumAndCenteredDot(dy, x, mean);
            Assert.AreEqual(sumDy, s, 1e-5 * (1 + n), $"SumAndCenteredDot sum, length {n}");
            Assert.AreEqual(dot, d, 1e-5 * (1 + n), $"SumAndCenteredDot dot, length {n}");
        }
    }

    [TestMethod]
    public void ElementwiseForms_AllLengths_MatchNaiveLoops()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Values(n, n), dy = Values(200 + n, n), a = Values(300 + n, n), b = Values(400 + n, n), c = Values(500 + n, n);
            var y = new float[n];

            SpanVectorOps.Affine(x, 1.5f, -0.5f, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(x[i] * 1.5f - 0.5f, y[i], 1e-5f, $"Affine[{i}], length {n}");

            SpanVectorOps.Combine(dy, x, 0.7f, -0.2f, 0.1f, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(0.7f * dy[i] - 0.2f * x[i] + 0.1f, y[i], 1e-5f, $"Combine[{i}], length {n}");

            SpanVectorOps.AffineColumns(x, a, b, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(x[i] * a[i] + b[i], y[i], 1e-5f, $"AffineColumns[{i}], length {n}");

            SpanVectorOps.CombineColumns(dy, x, a, b, c, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(a[i] * dy[i] + b[i] * x[i] + c[i], y[i], 1e-4f, $"CombineColumns[{i}], length {n}");

            SpanVectorOps.Multiply(x, a, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(x[i] * a[i], y[i], 1e-6f, $"Multiply[{i}], length {n}");

            var acc = (float[])c.Clone();
            SpanVectorOps.AddProduct(x, a, acc);
            for (int i = 0; i < n; i++) Assert.AreEqual(c[i] + x[i] * a[i], acc[i], 1e-5f, $"AddProduct[{i}], length {n}");

            acc = (float[])c.Clone();
            SpanVectorOps.AddSquaredDeviation(x, a, acc);
            for (int i = 0; i < n; i++) Assert.AreEqual(c[i] + (x[i] - a[i]) * (x[i] - a[i]), acc[i], 1e-4f, $"AddSquaredDeviation[{i}], length {n}");

            float[] sums = (float[])b.Clone(), dots = (float[])c.Clone();
            SpanVectorOps.AddSumAndCenteredDot(dy, x, a, sums, dots);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(b[i] + dy[i], sums[i], 1e-5f, $"AddSumAndCenteredDot sum[{i}], length {n}");
                Assert.AreEqual(c[i] + dy[i] * (x[i] - a[i]), dots[i], 1e-4f, $"AddSumAndCenteredDot dot[{i}], length {n}");
            }
        }
    }

    [TestMethod]
    public void ColumnForms_SameBitsInVectorBodyAndTail()
    {
        // An element computed in a scalar tail must equal the same element computed in a vector body, or
        // column-split kernels would depend on where thread chunks start.
        float[] x = Values(1, 40), dy = Values(2, 40), a = Values(3, 40), b = Values(4, 40), c = Values(5, 40);
        var whole = new float[40];
        var split = new float[40];
        SpanVectorOps.CombineColumns(dy, x, a, b, c, whole);
        SpanVectorOps.CombineColumns(dy.AsSpan(0, 5), x.AsSpan(0, 5), a.AsSpan(0, 5), b.AsSpan(0, 5), c.AsSpan(0, 5), split.AsSpan(0, 5));
        SpanVectorOps.CombineColumns(dy.AsSpan(5), x.AsSpan(5), a.AsSpan(5), b.AsSpan(5), c.AsSpan(5), split.AsSpan(5));
        CollectionAssert.AreEqual(whole, split, "CombineColumns");

        float[] accWhole = (float[])c.Clone(), accSplit = (float[])c.Clone();
        SpanVectorOps.AddSquaredDeviation(x, a, accWhole);
        SpanVectorOps.AddSquaredDeviation(x.AsSpan(0, 5), a.AsSpan(0, 5), accSplit.AsSpan(0, 5));
        SpanVectorOps.AddSquaredDeviation(x.AsSpan(5), a.AsSpan(5), accSplit.AsSpan(5));
        CollectionAssert.AreEqual(accWhole, accSplit, "AddSquaredDeviation");
    }
}
