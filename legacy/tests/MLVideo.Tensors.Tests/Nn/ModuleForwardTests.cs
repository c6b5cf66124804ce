using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>
/// Layer modules against the PyTorch fixtures: the fixture's <c>param.*</c>/<c>buffer.*</c> tensors are loaded
/// with a STRICT <see cref="Module.LoadStateDict"/> (so the keys must be PyTorch's), then forward, outputs,
/// gradients and BatchNorm's updated buffers are compared. These need the Functional ops of the other engine
/// helpers; until those are merged they fail with NotImplementedException.
/// </summary>
[TestClass]
public sealed class ModuleForwardTests
{
    /// <summary>Loads the fixture state into <paramref name="module"/> (strict), runs forward and backward, checks everything.</summary>
    private static void CheckAgainstFixture(Fixture f, Module module, bool training)
    {
        var sd = new OrderedDictionary<string, Tensor>();
        foreach (var name in f.Names.Where(n => n.StartsWith("param.") || n.StartsWith("buffer.")))
            sd.Add(name[(name.IndexOf('.') + 1)..], f.Get(name));
        module.LoadStateDict(sd, strict: true);
        module.Train(training);

        var x = f.Get("in.x").RequiresGrad_();
        var y = module.Forward(x);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        foreach (var (key, p) in module.NamedParameters())
        {
            Assert.IsNotNull(p.Grad, $"{f.Name}: no gradient reached {key}");
            f.AssertClose("grad.param." + key, p.Grad!);
        }
        foreach (var (key, b) in module.NamedBuffers())
            if (f.Has("buffer_after." + key)) f.AssertClose("buffer_after." + key, b);
    }

    [TestMethod]
    public void Conv2d_K3S1P1_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("conv2d_k3s1p1"), new Conv2d(16, 24, 3, padding: 1), training: true);

    [TestMethod]
    public void Conv3d_K333S2P1_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("conv3d_k333_s2_p1"), new Conv3d(8, 12, 3, stride: 2, padding: 1, bias: false), training: true);

    [TestMethod]
    public void Linear_WithBias_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("linear"), new Linear(20, 12), training: true);

    [TestMethod]
    public void Linear_NoBias_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("linear_nobias"), new Linear(20, 12, bias: false), training: true);

    [TestMethod]
    public void BatchNorm2d_Train_MatchesPyTorchAndCountsTheBatch()
    {
        var f = Fixture.Load("batchnorm2d_train");
        using var bn = new BatchNorm2d(16);
        CheckAgainstFixture(f, bn, training: true);
        Assert.AreEqual(f.GetInt64("buffer.num_batches_tracked")[0] + 1, (long)bn.NumBatchesTracked!.Item());
    }

    [TestMethod]
    public void BatchNorm2d_Eval_MatchesPyTorchAndLeavesBuffers()
    {
        var f = Fixture.Load("batchnorm2d_eval");
        using var bn = new BatchNorm2d(16);
        CheckAgainstFixture(f, bn, training: false);
        f.AssertClose("buffer.running_mean", bn.RunningMean!);
        Assert.AreEqual(f.GetInt64("buffer.num_batches_tracked")[0], (long)bn.NumBatchesTracked!.Item());
    }

    [TestMethod]
    public void BatchNorm1d_NclTrain_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("batchnorm1d_ncl_train"), new BatchNorm1d(8), training: true);

    [TestMethod]
    public void BatchNorm3d_Eval_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("batchnorm3d_eval"), new BatchNorm3d(8), training: false);

    [TestMethod]
    public void LayerNorm_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("layer_norm"), new LayerNorm(16), training: true);

    [TestMethod]
    public void MaxPool2d_K3S2P1_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("max_pool2d_k3s2p1"), new MaxPool2d(3, stride: 2, padding: 1), training: true);

    [TestMethod]
    public void AvgPool2d_K3S2P1_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("avg_pool2d_k3s2p1"), new AvgPool2d(3, stride: 2, padding: 1), training: true);

    [TestMethod]
    public void AdaptiveAvgPool2d_Global_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("adaptive_avg_pool2d_1"), new AdaptiveAvgPool2d(1), training: true);

    [TestMethod]
    public void MaxPool3d_K133_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("max_pool3d_k133_s122_p011"), new MaxPool3d((1, 3, 3), stride: (1, 2, 2), padding: (0, 1, 1)), training: true);

    [TestMethod]
    public void AdaptiveAvgPool3d_KeepTime_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("adaptive_avg_pool3d_t11"), new AdaptiveAvgPool3d((4, 1, 1)), training: true);

    [TestMethod]
    public void ReLU6_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("relu6"), new ReLU6(), training: true);

    [TestMethod]
    public void ReLU_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("relu"), new ReLU(), training: true);

    [TestMethod]
    public void Sigmoid_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("sigmoid"), new MLVideo.Tensors.Nn.Sigmoid(), training: true);

    [TestMethod]
    public void Tanh_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("tanh"), new MLVideo.Tensors.Nn.Tanh(), training: true);

    [TestMethod]
    public void Softmax_LastDim_MatchesPyTorch() =>
        CheckAgainstFixture(Fixture.Load("softmax"), new MLVideo.Tensors.Nn.Softmax(-1), training: true);

    [TestMethod]
    public void AvgPool3d_K2_MatchesMeanOfWindows()
    {
        // No fixture for avg_pool3d: a (1, 1, 2, 2, 2) block pooled by 2 is its mean.
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 1, 1, 2, 2, 2);
        var y = new AvgPool3d(2).Forward(x);
        CollectionAssert.AreEqual(new[] { 1, 1, 1, 1, 1 }, y.ShapeArray);
        Assert.AreEqual(4.5f, y.Item(), 1e-6f);
    }

    [TestMethod]
    public void Dropout_Training_DropsAboutPAndScalesSurvivors()
    {
        using var dropout = new Dropout(0.25f, new Generator(8));
        var x = Tensor.Ones(20_000);
        var y = dropout.Forward(x).ToArray();
        int dropped = y.Count(v => v == 0f);
        Assert.AreEqual(0.25, dropped / 20_000.0, 0.015);
        Assert.IsTrue(y.Where(v => v != 0f).All(v => Math.Abs(v - 1f / 0.75f) < 1e-6f));
        dropout.Eval();
        Assert.AreSame(x, dropout.Forward(x));
    }

    [TestMethod]
    public void Gru_WithH0_MatchesPyTorch()
    {
        var f = Fixture.Load("gru");
        using var gru = new GRU(16, 12);
        var sd = new OrderedDictionary<string, Tensor>();
        foreach (var key in f.ParamKeys) sd.Add(key, f.Get("param." + key));
        gru.LoadStateDict(sd);
        var x = f.Get("in.x").RequiresGrad_();
        var h0 = f.Get("in.h0").RequiresGrad_();
        var (output, hn) = gru.Forward(x, h0);
        f.AssertClose("out.output", output);
        f.AssertClose("out.h_n", hn);
        // loss = sum(output * gout.output) + sum(h_n * gout.h_n): seed both and back-propagate once.
        var loss = (output * f.Get("gout.output")).Sum() + (hn * f.Get("gout.h_n")).Sum();
        loss.Backward();
        f.AssertClose("grad.in.x", x.Grad!);
        f.AssertClose("grad.in.h0", h0.Grad!);
        foreach (var (key, p) in gru.NamedParameters()) f.AssertClose("grad.param." + key, p.Grad!);
    }

    [TestMethod]
    public void BatchNorm2d_CumulativeMomentum_AveragesBatches()
    {
        // momentum = null: factor 1/num_batches_tracked, so after two batches the running mean is their average.
        using var bn = new BatchNorm2d(1, momentum: null);
        using (Autograd.NoGrad())
        {
            bn.Forward(Tensor.Full(2f, 2, 1, 2, 2));
            bn.Forward(Tensor.Full(4f, 2, 1, 2, 2));
        }
        Assert.AreEqual(3f, bn.RunningMean!.Item(), 1e-6f);
        Assert.AreEqual(2f, bn.NumBatchesTracked!.Item());
    }

    [TestMethod]
    public void Sequential_ConvBnRelu_EvalIsDeterministicAndShaped()
    {
        using var seq = new Sequential(new Conv2d(3, 4, 3, padding: 1, generator: new Generator(1)), new BatchNorm2d(4), new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(4, 2, generator: new Generator(2)));
        seq.Eval();
        var x = Tensor.Randn([2, 3, 8, 8], new Generator(3));
        var a = seq.Forward(x).ToArray();
        var b = seq.Forward(x).ToArray();
        CollectionAssert.AreEqual(a, b);
        Assert.AreEqual(4, a.Length);
    }
    [TestMethod]
    public void TrainingLoop_SmallConvNetWithSgd_LossFallsAndStateReloads()
    {
        // Two classes told apart by the sign of the image mean; conv-bn-relu-pool-fc must learn it quickly.
        var g = new Generator(21);
        Sequential Build(int seed) => new(
            new MLVideo.Tensors.Nn.Conv2d(1, 4, 3, padding: 1, generator: new Generator((ulong)seed)), new BatchNorm2d(4), new ReLU(),
            new AdaptiveAvgPool2d(1), new Flatten(), new MLVideo.Tensors.Nn.Linear(4, 2, generator: new Generator((ulong)seed + 1)));
        using var model = Build(1);
        using var sgd = new MLVideo.Tensors.Optim.Sgd(model.Parameters(), learningRate: 0.1, momentum: 0.9);
        var x = Tensor.Randn([16, 1, 6, 6], g);
        var labels = new int[16];
        for (int n = 0; n < 16; n++)
        {
            labels[n] = n % 2;
            var plane = x.Data.Slice(n * 36, 36);
            for (int i = 0; i < 36; i++) plane[i] += labels[n] == 1 ? 1f : -1f;
        }
        float first = 0, last = 0;
        for (int step = 0; step < 40; step++)
        {
            using var scope = TensorScope.Begin();
            sgd.ZeroGrad();
            var loss = MLVideo.Tensors.Functional.CrossEntropy(model.Forward(x), labels);
            loss.Backward();
            sgd.Step();
            if (step == 0) first = loss.Item();
            last = loss.Item();
        }
        Assert.IsTrue(last < 0.3f * first, $"loss went from {first} to {last}");

        model.Eval();
        using var copy = Build(7);
        copy.LoadStateDict(model.StateDict());
        copy.Eval();
        CollectionAssert.AreEqual(model.Forward(x).ToArray(), copy.Forward(x).ToArray());
    }
}
