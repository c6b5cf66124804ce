using MLVideo.Tensors.Optim;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Optim;

/// <summary><see cref="AdamW"/> against torch.optim.AdamW (fixture adamw) and a hand-computed first step.</summary>
[TestClass]
public sealed class AdamWTests
{
    [TestMethod]
    public void Step_Fixture_MatchesPyTorch()
    {
        // lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2; moments start at zero (fixture config).
        var f = Fixture.Load("adamw");
        var p = f.Get("in.param").RequiresGrad_();
        using var adamw = new AdamW([p], learningRate: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01);
        for (int k = 1; k <= 3; k++)
        {
            p.Grad = f.Get($"in.grad_step{k}");
            adamw.Step();
            f.AssertClose($"out.param_step{k}", p);
            f.AssertClose($"out.exp_avg_step{k}", adamw.StateBuffer(p, "exp_avg")!);
            f.AssertClose($"out.exp_avg_sq_step{k}", adamw.StateBuffer(p, "exp_avg_sq")!);
        }
    }

    [TestMethod]
    public void Step_First_MovesByLearningRateTimesSign()
    {
        // At t = 1 the bias-corrected m / sqrt(v) is g / |g| (up to eps), so p = p (1 - lr wd) - lr sign(g).
        var p = Tensor.FromArray([2f, -1f, 0.5f], 3).RequiresGrad_();
        using var adamw = new AdamW([p], learningRate: 0.01, weightDecay: 0.1);
        p.Grad = Tensor.FromArray([3f, -0.25f, 1e-3f], 3);
        adamw.Step();
        double decay = 1 - 0.01 * 0.1;
        Assert.AreEqual(2 * decay - 0.01, p.Data[0], 1e-6);
        Assert.AreEqual(-1 * decay + 0.01, p.Data[1], 1e-6);
        // |g| = 1e-3 is still far above eps = 1e-8: 1e-3 / (1e-3 + 1e-8) = 0.99999.
        Assert.AreEqual(0.5 * decay - 0.01 * (1e-3 / (1e-3 + 1e-8)), p.Data[2], 1e-6);
    }

    [TestMethod]
    public void Step_GroupWithoutWeightDecay_OnlyAdamUpdate()
    {
        var decayed = Tensor.FromArray([1f], 1).RequiresGrad_();
        var bias = Tensor.FromArray([1f], 1).RequiresGrad_();
        using var adamw = new AdamW([new ParameterGroup([decayed]), new ParameterGroup([bias], weightDecay: 0)], learningRate: 0.1, weightDecay: 0.5);
        decayed.Grad = Tensor.FromArray([1f], 1);
        bias.Grad = Tensor.FromArray([1f], 1);
        adamw.Step();
        Assert.AreEqual(1 * (1 - 0.05) - 0.1, decayed.Data[0], 1e-6);
        Assert.AreEqual(1 - 0.1, bias.Data[0], 1e-6);
    }
}
