using MLVideo.Tensors.Kernels;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The row primitives of the direct convolution, at every length 0..3x16+1 and every vector width.</summary>
[TestClass]
public sealed class ConvVectorOpsTests
{
    private const float Sentinel = 12345f;

    [TestMethod]
    [DataRow(0)]
    [DataRow(256)]
    [DataRow(512)]
    public void RowOps_EveryLength_MatchNaiveAndStayInBounds(int maxBits)
    {
        int saved = ConvVectorOps.MaxVectorBits;
        try
        {
            ConvVectorOps.MaxVectorBits = maxBits;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                float[] x = Random(n + 1, n + 16).ToArray(); // longer than n: the ops must use only n
                float[] y0 = Random(n + 100, n).ToArray();

                // y has sentinels after its n elements: nothing past the span may change.
                var y = new float[n + 16];
                y0.CopyTo(y, 0);
                y.AsSpan(n).Fill(Sentinel);
                ConvVectorOps.Axpy(0.75f, x, y.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                    Assert.AreEqual(y0[i] + 0.75 * x[i], y[i], 1e-5, $"Axpy n={n} i={i} width {maxBits}");
                for (int i = n; i < y.Length; i++) Assert.AreEqual(Sentinel, y[i], $"Axpy wrote past n={n} (width {maxBits})");

                double dot = 0, sum = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += (double)x[i] * y0[i];
                    sum += y0[i];
                }
                Assert.AreEqual(dot, ConvVectorOps.Dot(y0, x), 1e-4, $"Dot n={n} width {maxBits}");
                Assert.AreEqual(sum, ConvVectorOps.Sum(y0), 1e-4, $"Sum n={n} width {maxBits}");

                var z = new float[n + 16];
                y0.CopyTo(z, 0);
                z.AsSpan(n).Fill(Sentinel);
                ConvVectorOps.AddScalar(z.AsSpan(0, n), -2f);
                for (int i = 0; i < n; i++) Assert.AreEqual(y0[i] - 2f, z[i], 1e-6, $"AddScalar n={n} i={i}");
                for (int i = n; i < z.Length; i++) Assert.AreEqual(Sentinel, z[i], $"AddScalar wrote past n={n}");
            }
        }
        finally
        {
            ConvVectorOps.MaxVectorBits = saved;
        }
    }

    [TestMethod]
    [DataRow(0, 2)]
    [DataRow(512, 2)]
    [DataRow(512, 3)]
    [DataRow(512, 1)]
    public void GatherStrided_EveryLength_MatchesNaive(int maxBits, int stride)
    {
        int saved = ConvVectorOps.MaxVectorBits;
        try
        {
            ConvVectorOps.MaxVectorBits = maxBits;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                // The source is exactly as long as needed, so a vector step reading past it would throw or misread.
                float[] source = Random(n + 7, Math.Max(0, (n - 1) * stride + 1)).ToArray();
                var destination = new float[n + 4];
                destination.AsSpan(n).Fill(Sentinel);
                ConvVectorOps.GatherStrided(source, stride, destination.AsSpan(0, n));
                for (int i = 0; i < n; i++) Assert.AreEqual(source[i * stride], destination[i], $"n={n} i={i}");
                for (int i = n; i < destination.Length; i++) Assert.AreEqual(Sentinel, destination[i], $"wrote past n={n}");
            }
        }
        finally
        {
            ConvVectorOps.MaxVectorBits = saved;
        }
    }

    [TestMethod]
    public void Axpy_ShortX_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ConvVectorOps.Axpy(1f, new float[3], new float[4]));
        Assert.ThrowsExactly<ArgumentException>(() => ConvVectorOps.Dot(new float[4], new float[3]));
    }
}
