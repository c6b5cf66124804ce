using MLVideo.Tensors.Nn;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>Statistics of <see cref="Init"/> and of the layers' default initialisation against PyTorch's formulas.</summary>
[TestClass]
public sealed class InitTests
{
    private static (double Mean, double Std, double MaxAbs) Stats(Tensor t)
    {
        double sum = 0, sq = 0, max = 0;
        foreach (float v in t.Data)
        {
            sum += v;
            sq += (double)v * v;
            max = Math.Max(max, Math.Abs(v));
        }
        double mean = sum / t.Count;
        return (mean, Math.Sqrt(sq / t.Count - mean * mean), max);
    }

    [TestMethod]
    public void CalculateFans_ConvWeight_IncludesReceptiveField()
    {
        Assert.AreEqual((3 * 7 * 7, 64 * 7 * 7), Init.CalculateFans(new Tensor(64, 3, 7, 7)));
        Assert.AreEqual((20, 12), Init.CalculateFans(new Tensor(12, 20)));
        Assert.ThrowsExactly<ArgumentException>(() => Init.CalculateFans(new Tensor(5)));
    }

    [TestMethod]
    public void CalculateGain_MatchesPyTorchTable()
    {
        Assert.AreEqual(1.0, Init.CalculateGain(Nonlinearity.Linear));
        Assert.AreEqual(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh), 1e-12);
        Assert.AreEqual(Math.Sqrt(2), Init.CalculateGain(Nonlinearity.Relu), 1e-12);
        // Conv/Linear default: leaky_relu with a = sqrt(5) gives sqrt(1/3).
        Assert.AreEqual(Math.Sqrt(1.0 / 3), Init.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)), 1e-12);
    }

    [TestMethod]
    public void Conv2d_DefaultInit_UniformWithinOneOverSqrtFanIn()
    {
        using var conv = new Conv2d(64, 128, 3, generator: new Generator(11));
        double bound = 1 / Math.Sqrt(64 * 9);
        var (mean, std, max) = Stats(conv.Weight);
        Assert.IsTrue(max <= bound, $"max {max} > bound {bound}");
        Assert.IsTrue(max > 0.99 * bound, "samples should reach close to the bound");
        Assert.AreEqual(bound / Math.Sqrt(3), std, 0.01 * bound);
        Assert.AreEqual(0, mean, 0.01 * bound);
        var (_, _, bmax) = Stats(conv.Bias!);
        Assert.IsTrue(bmax <= bound);
    }

    [TestMethod]
    public void Linear_DefaultInit_UniformWithinOneOverSqrtIn()
    {
        using var fc = new Linear(256, 400, generator: new Generator(12));
        double bound = 1 / Math.Sqrt(256);
        var (mean, std, max) = Stats(fc.Weight);
        Assert.IsTrue(max <= bound);
        Assert.AreEqual(bound / Math.Sqrt(3), std, 0.01 * bound);
        Assert.AreEqual(0, mean, 0.01 * bound);
    }

    [TestMethod]
    public void KaimingNormal_FanOutRelu_StdIsSqrtTwoOverFanOut()
    {
        // torchvision ResNet: kaiming_normal_(w, mode="fan_out", nonlinearity="relu").
        var w = new Tensor(256, 64, 3, 3);
        Init.KaimingNormal(w, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: new Generator(13));
        double expected = Math.Sqrt(2.0 / (256 * 9));
        var (mean, std, _) = Stats(w);
        Assert.AreEqual(expected, std, 0.01 * expected);
        Assert.AreEqual(0, mean, 0.01 * expected);
    }

    [TestMethod]
    public void KaimingUniform_FanInRelu_BoundIsSqrtSixOverFanIn()
    {
        var w = new Tensor(128, 50);
        Init.KaimingUniform(w, nonlinearity: Nonlinearity.Relu, generator: new Generator(14));
        double bound = Math.Sqrt(6.0 / 50);
        var (_, std, max) = Stats(w);
        Assert.IsTrue(max <= bound && max > 0.99 * bound);
        Assert.AreEqual(bound / Math.Sqrt(3), std, 0.02 * bound);
    }

    [TestMethod]
    public void NormalUniformConstant_FillAsAsked()
    {
        var t = new Tensor(100_000);
        Init.Normal(t, 2, 0.5, new Generator(15));
        var (mean, std, _) = Stats(t);
        Assert.AreEqual(2, mean, 0.01);
        Assert.AreEqual(0.5, std, 0.005);
        Init.Uniform(t, -3, 1, new Generator(16));
        (mean, std, _) = Stats(t);
        Assert.AreEqual(-1, mean, 0.02);
        Assert.AreEqual(4 / Math.Sqrt(12), std, 0.01);
        Assert.IsTrue(t.ToArray().All(v => v >= -3 && v < 1));
        Init.Constant(t, 0.25f);
        Assert.IsTrue(t.ToArray().All(v => v == 0.25f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Init.Normal(t, 0, -1));
    }

    [TestMethod]
    public void SameGenerator_SameSeed_SameWeights()
    {
        using var a = new Conv2d(4, 4, 3, generator: new Generator(99));
        using var b = new Conv2d(4, 4, 3, generator: new Generator(99));
        using var c = new Conv2d(4, 4, 3, generator: new Generator(100));
        CollectionAssert.AreEqual(a.Weight.ToArray(), b.Weight.ToArray());
        CollectionAssert.AreNotEqual(a.Weight.ToArray(), c.Weight.ToArray());
    }
}
