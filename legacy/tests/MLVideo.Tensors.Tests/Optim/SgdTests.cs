using MLVideo.Tensors.Optim;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Optim;

/// <summary><see cref="Sgd"/> against torch.optim.SGD (fixtures sgd_momentum, sgd_nesterov) and hand-computed steps.</summary>
[TestClass]
public sealed class SgdTests
{
    /// <summary>Three steps from the fixture's parameter and gradients; parameters and momentum buffers compared after each.</summary>
    private static void RunFixture(string caseName, bool nesterov)
    {
        // lr 0.1, momentum 0.9, dampening 0, weight decay 1e-4 (fixture config).
        var f = Fixture.Load(caseName);
        var p = f.Get("in.param").RequiresGrad_();
        using var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9, nesterov: nesterov, weightDecay: 1e-4);
        for (int k = 1; k <= 3; k++)
        {
            p.Grad = f.Get($"in.grad_step{k}");
            sgd.Step();
            f.AssertClose($"out.param_step{k}", p);
            f.AssertClose($"out.momentum_buffer_step{k}", sgd.StateBuffer(p, "momentum_buffer")!);
        }
        Assert.AreEqual(3, sgd.StepCountOf(p));
    }

    [TestMethod]
    public void Step_MomentumFixture_MatchesPyTorch() => RunFixture("sgd_momentum", nesterov: false);

    [TestMethod]
    public void Step_NesterovFixture_MatchesPyTorch() => RunFixture("sgd_nesterov", nesterov: true);

    [TestMethod]
    public void Step_NoMomentum_PlainGradientDescentWithoutState()
    {
        var p = Tensor.FromArray([1f, -2f], 2).RequiresGrad_();
        using var sgd = new Sgd([p], learningRate: 0.5, weightDecay: 0.1);
        p.Grad = Tensor.FromArray([0.2f, 0.4f], 2);
        sgd.Step();
        // p - lr (g + wd p): 1 - 0.5 (0.2 + 0.1) = 0.85; -2 - 0.5 (0.4 - 0.2) = -2.1.
        Assert.AreEqual(0.85f, p.Data[0], 1e-6f);
        Assert.AreEqual(-2.1f, p.Data[1], 1e-6f);
        Assert.IsNull(sgd.StateBuffer(p, "momentum_buffer"));
    }

    [TestMethod]
    public void Step_Dampening_AppliesFromTheSecondStep()
    {
        var p = Tensor.FromArray([0f], 1).RequiresGrad_();
        using var sgd = new Sgd([p], learningRate: 1, momentum: 0.5, dampening: 0.5);
        p.Grad = Tensor.FromArray([1f], 1);
        sgd.Step(); // buf = 1 (no dampening on the first step, as PyTorch), p = -1
        sgd.Step(); // buf = 0.5 * 1 + 0.5 * 1 = 1, p = -2
        p.Grad = Tensor.FromArray([2f], 1);
        sgd.Step(); // buf = 0.5 + 1 = 1.5, p = -3.5
        Assert.AreEqual(-3.5f, p.Data[0], 1e-6f);
        Assert.AreEqual(1.5f, sgd.StateBuffer(p, "momentum_buffer")!.Data[0], 1e-6f);
    }

    [TestMethod]
    public void Step_ParameterGroups_UseTheirOwnSettings()
    {
        var backbone = Tensor.FromArray([1f], 1).RequiresGrad_();
        var head = Tensor.FromArray([1f], 1).RequiresGrad_();
        using var sgd = new Sgd([new ParameterGroup([backbone]), new ParameterGroup([head], learningRate: 1.0, weightDecay: 0)], learningRate: 0.1, weightDecay: 0.5);
        Assert.AreEqual(0.1, sgd.ParameterGroups[0].LearningRate);
        Assert.AreEqual(0.5, sgd.ParameterGroups[0].WeightDecay);
        backbone.Grad = Tensor.FromArray([1f], 1);
        head.Grad = Tensor.FromArray([1f], 1);
        sgd.Step();
        Assert.AreEqual(1f - 0.1f * 1.5f, backbone.Data[0], 1e-6f);
        Assert.AreEqual(0f, head.Data[0], 1e-6f);
    }

    [TestMethod]
    public void Step_ParameterWithoutGradient_IsSkipped()
    {
        var p = Tensor.FromArray([1f], 1).RequiresGrad_();
        using var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9);
        sgd.Step();
        Assert.AreEqual(1f, p.Data[0]);
        Assert.AreEqual(0, sgd.StepCountOf(p));
    }

    [TestMethod]
    public void ZeroGrad_ClearsGradients()
    {
        var p = Tensor.FromArray([1f], 1).RequiresGrad_();
        using var sgd = new Sgd([p], learningRate: 0.1);
        p.Grad = Tensor.Ones(1);
        sgd.ZeroGrad();
        Assert.IsNull(p.Grad);
    }

    [TestMethod]
    public void Constructor_InvalidSettings_Throw()
    {
        var p = Tensor.Ones(1).RequiresGrad_();
        Assert.ThrowsExactly<ArgumentException>(() => new Sgd([p], 0.1, momentum: 0, nesterov: true));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Sgd([p], -0.1));
        Assert.ThrowsExactly<ArgumentException>(() => new Sgd([new ParameterGroup([p]), new ParameterGroup([p])], 0.1));
    }

    [TestMethod]
    public void Step_GradientShapeMismatch_ThrowsWithShapes()
    {
        var p = Tensor.Ones(2, 3).RequiresGrad_();
        using var sgd = new Sgd([p], 0.1);
        p.Grad = Tensor.Ones(3, 2);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => sgd.Step());
        StringAssert.Contains(e.Message, "[3, 2]");
    }
}
