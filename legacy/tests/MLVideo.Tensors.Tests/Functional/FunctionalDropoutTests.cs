using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary><see cref="F.Dropout"/> (Functional.Normalization.cs, DropoutKernels.cs).</summary>
[TestClass]
public sealed class FunctionalDropoutTests
{
    [TestMethod]
    [DataRow(0.1f)]
    [DataRow(0.3f)]
    [DataRow(0.8f)]
    public void Dropout_Training_DropsAboutPAndScalesTheRest(float p)
    {
        const int n = 200_000;
        var x = Tensor.Ones(n);
        var y = F.Dropout(x, p, training: true, new Generator(123));
        int zeros = 0;
        float keep = 1f / (1f - p);
        foreach (float v in y.Data)
        {
            if (v == 0f) zeros++;
            else Assert.AreEqual(keep, v, "kept elements are scaled by exactly 1/(1-p)");
        }
        double fraction = (double)zeros / n;
        double sigma = Math.Sqrt(p * (1 - p) / n);
        Assert.IsTrue(Math.Abs(fraction - p) < 5 * sigma, $"dropped fraction {fraction:G5} vs p {p} (5 sigma = {5 * sigma:G3})");
        double mean = y.Data.ToArray().Average();
        Assert.IsTrue(Math.Abs(mean - 1) < 5 * sigma * keep, $"inverted dropout keeps the mean: {mean:G6}");
    }

    [TestMethod]
    public void Dropout_SeededGenerator_IsDeterministic()
    {
        var x = Random(1, 64, 33);
        var a = F.Dropout(x, 0.5f, true, new Generator(7));
        var b = F.Dropout(x, 0.5f, true, new Generator(7));
        var c = F.Dropout(x, 0.5f, true, new Generator(8));
        CollectionAssert.AreEqual(a.ToArray(), b.ToArray(), "same seed, same mask");
        CollectionAssert.AreNotEqual(a.ToArray(), c.ToArray(), "another seed, another mask");

        // Consecutive calls on one generator continue its stream (two different masks).
        var gen = new Generator(7);
        var first = F.Dropout(x, 0.5f, true, gen);
        var second = F.Dropout(x, 0.5f, true, gen);
        CollectionAssert.AreEqual(a.ToArray(), first.ToArray());
        CollectionAssert.AreNotEqual(first.ToArray(), second.ToArray());
    }

    [TestMethod]
    public void Dropout_Backward_UsesTheForwardMask()
    {
        var x = Random(2, 10, 20).RequiresGrad_();
        var y = F.Dropout(x, 0.4f, true, new Generator(3));
        var dy = Random(4, 10, 20);
        y.Backward(dy);
        for (int i = 0; i < x.Count; i++)
        {
            float mask = y.Data[i] == 0f ? 0f : y.Data[i] / x.Data[i];
            Assert.AreEqual(dy.Data[i] * mask, x.Grad!.Data[i], 1e-5f * Math.Abs(dy.Data[i] * mask) + 1e-6f, $"element {i}");
        }
    }

    [TestMethod]
    public void Dropout_GradCheck_WithFixedMask()
    {
        var x = Random(5, 4, 6).RequiresGrad_();
        // A fresh generator per call gives every forward of the check the same mask.
        GradCheck.Check(t => F.Dropout(t[0], 0.3f, true, new Generator(11)), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Dropout_EvalOrPZero_IsIdentityCopy()
    {
        var x = Random(6, 5, 5).RequiresGrad_();
        var eval = F.Dropout(x, 0.5f, training: false);
        var zero = F.Dropout(x, 0f, training: true);
        Assert.AreNotSame(x, eval);
        CollectionAssert.AreEqual(x.ToArray(), eval.ToArray());
        CollectionAssert.AreEqual(x.ToArray(), zero.ToArray());
        eval.Backward(Tensor.Ones(5, 5));
        CollectionAssert.AreEqual(Tensor.Ones(25).ToArray(), x.Grad!.ToArray(), "identity gradient");
    }

    [TestMethod]
    public void Dropout_POne_ZeroesEverythingWithoutNaN()
    {
        var x = Random(7, 3, 4).RequiresGrad_();
        var y = F.Dropout(x, 1f, true, new Generator(1));
        Assert.IsTrue(y.Data.ToArray().All(v => v == 0f));
        y.Backward(Tensor.Ones(3, 4));
        Assert.IsTrue(x.Grad!.Data.ToArray().All(v => v == 0f));
    }

    [TestMethod]
    public void Dropout_BadProbability_Throws()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Dropout(x, 1.5f, true));
        StringAssert.Contains(e.Message, "Dropout");
        StringAssert.Contains(e.Message, "[2, 3]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Dropout(x, -0.1f, false));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => F.Dropout(x, float.NaN, true));
    }
}
