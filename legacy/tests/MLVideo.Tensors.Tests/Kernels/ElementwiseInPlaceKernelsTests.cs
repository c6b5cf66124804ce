using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The in-place helpers (Scale, Axpy, AxpBy, MultiplyInPlace, SumOfSquares) against naive loops.</summary>
[TestClass]
public sealed class ElementwiseInPlaceKernelsTests
{
    [TestMethod]
    public void InPlaceHelpers_AllLengths_MatchNaive()
    {
        var gen = new Generator(9);
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var x = new float[n];
            var y = new float[n];
            gen.FillUniform(x, -2, 2);
            gen.FillUniform(y, -2, 2);
            var s = (float[])x.Clone();
            ElementwiseKernels.Scale(s, 1.5f);
            var a = (float[])y.Clone();
            ElementwiseKernels.Axpy(0.3f, x, a);
            var b = (float[])y.Clone();
            ElementwiseKernels.AxpBy(0.1f, x, 0.9f, b);
            var m = (float[])y.Clone();
            ElementwiseKernels.MultiplyInPlace(m, x);
            double sq = 0;
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(x[i] * 1.5f, s[i], $"scale n {n} i {i}");
                Assert.AreEqual(0.3f * x[i] + y[i], a[i], 1e-6f, $"axpy n {n} i {i}");
                Assert.AreEqual(0.1f * x[i] + 0.9f * y[i], b[i], 1e-6f, $"axpby n {n} i {i}");
                Assert.AreEqual(y[i] * x[i], m[i], $"mul n {n} i {i}");
                sq += (double)x[i] * x[i];
            }
            Assert.AreEqual(sq, ElementwiseKernels.SumOfSquares(x), 1e-4, $"sum of squares n {n}");
        }
        Assert.ThrowsExactly<ArgumentException>(() => ElementwiseKernels.Axpy(1f, new float[2], new float[3]));
    }
}
