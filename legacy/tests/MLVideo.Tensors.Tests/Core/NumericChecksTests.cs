using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Core;

/// <summary>NumericChecks, NonFiniteValueException and Tensor.AllFinite, with the vector search at every position.</summary>
[TestClass]
public sealed class NumericChecksTests
{
    [TestCleanup]
    public void RestoreWidth() => KernelWidth.MaxBits = 512;

    [TestMethod]
    public void ThrowIfNotFinite_FiniteTensor_DoesNotThrow()
    {
        using var x = Tensor.FromArray([float.MaxValue, float.MinValue, 0f, -0f, float.Epsilon], 5);
        NumericChecks.ThrowIfNotFinite(x, "x");
        Assert.IsTrue(x.AllFinite());
    }

    [TestMethod]
    public void ThrowIfNotFinite_NaN_NamesTensorShapeIndexAndCount()
    {
        using var x = new Tensor(2, 3, 4);
        x[1, 2, 3] = float.NaN;
        x[1, 0, 1] = float.PositiveInfinity;
        x[0, 0, 2] = float.NegativeInfinity;
        var ex = Assert.ThrowsExactly<NonFiniteValueException>(() => NumericChecks.ThrowIfNotFinite(x, "loss"));
        Assert.AreEqual("loss", ex.TensorName);
        Assert.AreEqual(2, ex.FirstIndex);
        CollectionAssert.AreEqual(new[] { 0, 0, 2 }, ex.FirstMultiIndex);
        Assert.AreEqual(float.NegativeInfinity, ex.FirstValue);
        Assert.AreEqual(3, ex.Count);
        StringAssert.Contains(ex.Message, "'loss'");
        StringAssert.Contains(ex.Message, "[2, 3, 4]");
        StringAssert.Contains(ex.Message, "3 non-finite");
        StringAssert.Contains(ex.Message, "flat index 2");
        StringAssert.Contains(ex.Message, "[0, 0, 2]");
        Assert.IsFalse(x.AllFinite());
    }

    [TestMethod]
    public void IndexOfNonFinite_EveryLengthPositionAndWidth_MatchesNaive()
    {
        foreach (int width in new[] { 512, 256, 0 })
        {
            KernelWidth.MaxBits = width;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                var x = new float[n];
                for (int i = 0; i < n; i++) x[i] = i - 20.5f;
                Assert.AreEqual(-1, FiniteCheckKernels.IndexOfNonFinite(x), $"width {width} n {n}");
                for (int bad = 0; bad < n; bad++)
                    foreach (float v in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                    {
                        var y = (float[])x.Clone();
                        y[bad] = v;
                        if (bad + 1 < n) y[n - 1] = float.NaN;
                        Assert.AreEqual(bad, FiniteCheckKernels.IndexOfNonFinite(y), $"width {width} n {n} bad {bad} value {v}");
                    }
            }
        }
    }

    [TestMethod]
    public void ThrowIfNotFinite_ScalarAndEmpty()
    {
        using var empty = new Tensor(0, 5);
        NumericChecks.ThrowIfNotFinite(empty, "empty");
        using var s = Tensor.Scalar(float.NaN);
        var ex = Assert.ThrowsExactly<NonFiniteValueException>(() => NumericChecks.ThrowIfNotFinite(s, "s"));
        StringAssert.Contains(ex.Message, "[]");
    }
}
