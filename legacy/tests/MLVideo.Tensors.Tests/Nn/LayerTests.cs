using MLVideo.Tensors.Nn;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>Keys, shapes, defaults and argument checks of the layer modules (no forward; see ModuleForwardTests).</summary>
[TestClass]
public sealed class LayerTests
{
    private static (string, int[])[] KeysAndShapes(Module m) => m.StateDict().Select(kv => (kv.Key, kv.Value.ShapeArray)).ToArray();

    private static void AssertKeys(Module m, params (string Key, int[] Shape)[] expected)
    {
        var actual = KeysAndShapes(m);
        CollectionAssert.AreEqual(expected.Select(e => e.Key).ToArray(), actual.Select(a => a.Item1).ToArray());
        for (int i = 0; i < expected.Length; i++) CollectionAssert.AreEqual(expected[i].Shape, actual[i].Item2, expected[i].Key);
    }

    [TestMethod]
    public void Conv2d_GroupedWithBias_WeightIsOutByInOverGroups()
    {
        using var conv = new Conv2d(8, 16, (3, 5), stride: 2, padding: (1, 2), groups: 4);
        AssertKeys(conv, ("weight", [16, 2, 3, 5]), ("bias", [16]));
        Assert.AreEqual(new Size2(2, 2), conv.Stride);
        Assert.AreEqual(new Size2(1, 1), conv.Dilation);
    }

    [TestMethod]
    public void Conv2d_NoBias_HasNoBiasKey()
    {
        using var conv = new Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        AssertKeys(conv, ("weight", [64, 3, 7, 7]));
        Assert.IsNull(conv.Bias);
    }

    [TestMethod]
    public void Conv3d_Default_WeightHasFiveDims()
    {
        using var conv = new Conv3d(3, 64, (3, 7, 7), stride: (1, 2, 2), padding: (1, 3, 3), bias: false);
        AssertKeys(conv, ("weight", [64, 3, 3, 7, 7]));
        Assert.AreEqual(new Size3(1, 2, 2), conv.Stride);
    }

    [TestMethod]
    public void Convolution_ChannelsNotDivisibleByGroups_Throws()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new Conv2d(6, 8, 3, groups: 4));
        StringAssert.Contains(e.Message, "groups 4");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Conv2d(0, 8, 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Conv2d(4, 8, 3, stride: 0));
    }

    [TestMethod]
    public void Conv2d_WrongChannels_ThrowsBeforeTheOp()
    {
        using var conv = new Conv2d(4, 8, 3);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => conv.Forward(new Tensor(1, 3, 5, 5)));
        StringAssert.Contains(e.Message, "3 channels");
        StringAssert.Contains(e.Message, "[1, 3, 5, 5]");
        Assert.ThrowsExactly<ShapeMismatchException>(() => conv.Forward(new Tensor(4, 5, 5)));
    }

    [TestMethod]
    public void Linear_Keys_WeightOutByIn()
    {
        using var fc = new Linear(512, 400);
        AssertKeys(fc, ("weight", [400, 512]), ("bias", [400]));
        using var nb = new Linear(3, 2, bias: false);
        AssertKeys(nb, ("weight", [2, 3]));
        Assert.ThrowsExactly<ShapeMismatchException>(() => fc.Forward(new Tensor(2, 511)));
    }

    [TestMethod]
    public void BatchNorm_Keys_PyTorchOrderAndDefaults()
    {
        using var bn = new BatchNorm2d(6);
        AssertKeys(bn, ("weight", [6]), ("bias", [6]), ("running_mean", [6]), ("running_var", [6]), ("num_batches_tracked", []));
        CollectionAssert.AreEqual(Enumerable.Repeat(1f, 6).ToArray(), bn.Weight!.ToArray());
        CollectionAssert.AreEqual(new float[6], bn.Bias!.ToArray());
        CollectionAssert.AreEqual(new float[6], bn.RunningMean!.ToArray());
        CollectionAssert.AreEqual(Enumerable.Repeat(1f, 6).ToArray(), bn.RunningVar!.ToArray());
        Assert.AreEqual(0f, bn.NumBatchesTracked!.Item());
        Assert.AreEqual(0.1f, bn.Momentum);
        Assert.AreEqual(1e-5f, bn.Eps);
        CollectionAssert.AreEqual(new[] { "weight", "bias" }, bn.NamedParameters().Select(kv => kv.Key).ToArray());
    }

    [TestMethod]
    public void BatchNorm_NotAffineNotTracking_HasNoKeys()
    {
        using var bn = new BatchNorm3d(4, affine: false, trackRunningStats: false);
        Assert.AreEqual(0, bn.StateDict().Count);
        using var bn1 = new BatchNorm1d(4, affine: false);
        AssertKeys(bn1, ("running_mean", [4]), ("running_var", [4]), ("num_batches_tracked", []));
    }

    [TestMethod]
    public void BatchNorm_WrongRankOrChannels_Throws()
    {
        using var bn2 = new BatchNorm2d(4);
        Assert.ThrowsExactly<ShapeMismatchException>(() => bn2.Forward(new Tensor(2, 4, 5)));
        Assert.ThrowsExactly<ShapeMismatchException>(() => bn2.Forward(new Tensor(2, 3, 5, 5)));
        using var bn1 = new BatchNorm1d(4);
        Assert.ThrowsExactly<ShapeMismatchException>(() => bn1.Forward(new Tensor(2, 4, 5, 5)));
        using var bn3 = new BatchNorm3d(4);
        Assert.ThrowsExactly<ShapeMismatchException>(() => bn3.Forward(new Tensor(2, 4, 5, 5)));
        // A failed check must not count a batch.
        Assert.AreEqual(0f, bn2.NumBatchesTracked!.Item());
    }

    [TestMethod]
    public void BatchNorm_ResetRunningStats_RestoresDefaults()
    {
        using var bn = new BatchNorm2d(2);
        bn.RunningMean!.Data.Fill(3);
        bn.RunningVar!.Data.Fill(4);
        bn.NumBatchesTracked!.Data[0] = 9;
        bn.ResetRunningStats();
        CollectionAssert.AreEqual(new float[] { 0, 0 }, bn.RunningMean.ToArray());
        CollectionAssert.AreEqual(new float[] { 1, 1 }, bn.RunningVar.ToArray());
        Assert.AreEqual(0f, bn.NumBatchesTracked.Item());
    }

    [TestMethod]
    public void LayerNorm_Keys_OnesAndZerosOfNormalizedShape()
    {
        using var ln = new LayerNorm([4, 5]);
        AssertKeys(ln, ("weight", [4, 5]), ("bias", [4, 5]));
        Assert.IsTrue(ln.Weight!.ToArray().All(v => v == 1f));
        Assert.IsTrue(ln.Bias!.ToArray().All(v => v == 0f));
        Assert.ThrowsExactly<ShapeMismatchException>(() => ln.Forward(new Tensor(2, 5, 4)));
    }

    [TestMethod]
    public void Gru_Keys_PyTorchNamesAndGateRows()
    {
        using var gru = new GRU(16, 12, generator: new Generator(4));
        AssertKeys(gru, ("weight_ih_l0", [36, 16]), ("weight_hh_l0", [36, 12]), ("bias_ih_l0", [36]), ("bias_hh_l0", [36]));
        float bound = 1f / MathF.Sqrt(12);
        Assert.IsTrue(gru.Parameters().All(p => p.ToArray().All(v => MathF.Abs(v) <= bound)));
        Assert.ThrowsExactly<ShapeMismatchException>(() => gru.Forward(new Tensor(2, 3, 15)));
        Assert.ThrowsExactly<ShapeMismatchException>(() => gru.Forward(new Tensor(2, 3, 16), new Tensor(1, 3, 12)));
    }

    [TestMethod]
    public void Sequential_Unnamed_ChildrenNamedByPosition()
    {
        using var seq = new Sequential(new Conv2d(4, 8, 1, bias: false), new BatchNorm2d(8), new ReLU());
        CollectionAssert.AreEqual(new[] { "0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked" }, seq.StateDict().Keys.ToArray());
        Assert.AreEqual(3, seq.Count);
        seq.Append(new Identity());
        Assert.AreEqual("3", seq.NamedChildren().Last().Key);
    }

    [TestMethod]
    public void Sequential_Named_KeepsNames()
    {
        using var seq = new Sequential(("conv", (Module)new Conv2d(2, 2, 1, bias: false)), ("relu", new ReLU()));
        CollectionAssert.AreEqual(new[] { "conv.weight" }, seq.StateDict().Keys.ToArray());
    }

    [TestMethod]
    public void Sequential_ParameterFreeChildren_ForwardChains()
    {
        // Identity and Flatten need no engine op, so this runs today.
        using var seq = new Sequential(new Identity(), new Flatten());
        var y = seq.Forward(new Tensor(2, 3, 1, 1));
        CollectionAssert.AreEqual(new[] { 2, 3 }, y.ShapeArray);
    }

    [TestMethod]
    public void ModuleList_Add_NamesByPosition()
    {
        using var list = new ModuleList(new Linear(2, 3), new Linear(3, 4));
        list.Add(new Linear(4, 5));
        CollectionAssert.AreEqual(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias" }, list.StateDict().Keys.ToArray());
        Assert.AreEqual(3, list.Count);
    }

    [TestMethod]
    public void Dropout_EvalMode_ReturnsInputItself()
    {
        using var d = new Dropout(0.3f);
        d.Eval();
        var x = Tensor.Ones(3);
        Assert.AreSame(x, d.Forward(x));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Dropout(1.5f));
    }

    [TestMethod]
    public void Pools_DefaultStride_IsKernel()
    {
        Assert.AreEqual(new Size2(3, 3), new MaxPool2d(3).Stride);
        Assert.AreEqual(new Size2(2, 2), new AvgPool2d(3, stride: 2).Stride);
        Assert.AreEqual(new Size3(1, 2, 2), new MaxPool3d((1, 3, 3), stride: (1, 2, 2), padding: (0, 1, 1)).Stride);
        Assert.ThrowsExactly<ShapeMismatchException>(() => new MaxPool2d(3).Forward(new Tensor(2, 3, 4)));
        Assert.ThrowsExactly<ShapeMismatchException>(() => new AdaptiveAvgPool3d(1).Forward(new Tensor(2, 3, 4, 4)));
    }

    [TestMethod]
    public void ParameterFreeLayers_HaveNoState()
    {
        Module[] layers = [new ReLU(), new ReLU6(), new Identity(), new Flatten(), new Dropout(), new MaxPool2d(2), new MaxPool3d(2), new AvgPool2d(2), new AdaptiveAvgPool2d(1), new AdaptiveAvgPool3d(1), new AvgPool3d(2), new MLVideo.Tensors.Nn.Sigmoid(), new MLVideo.Tensors.Nn.Tanh(), new MLVideo.Tensors.Nn.Softmax(1)];
        foreach (var l in layers) Assert.AreEqual(0, l.StateDict().Count, l.GetType().Name);
    }
}
