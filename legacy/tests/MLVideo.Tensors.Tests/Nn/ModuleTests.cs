using MLVideo.Tensors.Nn;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>Registration, naming, modes, gradients and counting of <see cref="Module"/>.</summary>
[TestClass]
public sealed class ModuleTests
{
    // The keys and order PyTorch gives the same architecture (parameters, then buffers, then children, recursively).
    private static readonly (string Key, int[] Shape)[] TinyNetStateDict =
    [
        ("conv1.weight", [4, 3, 3, 3]),
        ("bn1.weight", [4]), ("bn1.bias", [4]), ("bn1.running_mean", [4]), ("bn1.running_var", [4]), ("bn1.num_batches_tracked", []),
        ("layer1.0.conv1.weight", [4, 4, 3, 3]),
        ("layer1.0.bn1.weight", [4]), ("layer1.0.bn1.bias", [4]), ("layer1.0.bn1.running_mean", [4]), ("layer1.0.bn1.running_var", [4]), ("layer1.0.bn1.num_batches_tracked", []),
        ("layer1.0.downsample.0.weight", [4, 4, 1, 1]),
        ("layer1.0.downsample.1.weight", [4]), ("layer1.0.downsample.1.bias", [4]), ("layer1.0.downsample.1.running_mean", [4]), ("layer1.0.downsample.1.running_var", [4]), ("layer1.0.downsample.1.num_batches_tracked", []),
        ("layer1.1.conv1.weight", [4, 4, 3, 3]),
        ("layer1.1.bn1.weight", [4]), ("layer1.1.bn1.bias", [4]), ("layer1.1.bn1.running_mean", [4]), ("layer1.1.bn1.running_var", [4]), ("layer1.1.bn1.num_batches_tracked", []),
        ("fc.weight", [5, 4]), ("fc.bias", [5]),
    ];

    [TestMethod]
    public void StateDict_TinyNet_HasPyTorchKeysShapesAndOrder()
    {
        using var net = new TinyNet();
        var sd = net.StateDict();
        CollectionAssert.AreEqual(TinyNetStateDict.Select(e => e.Key).ToArray(), sd.Keys.ToArray());
        foreach (var (key, shape) in TinyNetStateDict) CollectionAssert.AreEqual(shape, sd[key].ShapeArray, key);
    }

    [TestMethod]
    public void NamedParameters_TinyNet_ExcludesBuffersInRegistrationOrder()
    {
        using var net = new TinyNet();
        string[] expected = TinyNetStateDict.Select(e => e.Key)
            .Where(k => !k.EndsWith("running_mean") && !k.EndsWith("running_var") && !k.EndsWith("num_batches_tracked")).ToArray();
        CollectionAssert.AreEqual(expected, net.NamedParameters().Select(kv => kv.Key).ToArray());
        Assert.IsTrue(net.Parameters().All(p => p.RequiresGrad && p.IsLeaf));
    }

    [TestMethod]
    public void NamedBuffers_TinyNet_ListsRunningStatistics()
    {
        using var net = new TinyNet();
        string[] expected = TinyNetStateDict.Select(e => e.Key)
            .Where(k => k.EndsWith("running_mean") || k.EndsWith("running_var") || k.EndsWith("num_batches_tracked")).ToArray();
        CollectionAssert.AreEqual(expected, net.NamedBuffers().Select(kv => kv.Key).ToArray());
    }

    [TestMethod]
    public void NamedModules_TinyNet_PreOrderWithDottedPaths()
    {
        using var net = new TinyNet();
        string[] expected =
        [
            "", "conv1", "bn1", "layer1",
            "layer1.0", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu", "layer1.0.downsample", "layer1.0.downsample.0", "layer1.0.downsample.1",
            "layer1.1", "layer1.1.conv1", "layer1.1.bn1", "layer1.1.relu",
            "fc",
        ];
        CollectionAssert.AreEqual(expected, net.NamedModules().Select(kv => kv.Key).ToArray());
        Assert.AreSame(net.Layer1[0], net.GetModule("layer1.0"));
        Assert.AreSame(((TinyBlock)net.Layer1[0]).Downsample![1], net.GetModule("layer1.0.downsample.1"));
        Assert.AreSame(net.Fc.Weight, net.GetParameter("fc.weight"));
        Assert.AreSame(net.Bn1.RunningVar, net.GetBuffer("bn1.running_var"));
        CollectionAssert.AreEqual(new[] { "conv1", "bn1", "layer1", "fc" }, net.NamedChildren().Select(kv => kv.Key).ToArray());
    }

    [TestMethod]
    public void GetModule_UnknownPath_ThrowsNamingTheLevel()
    {
        using var net = new TinyNet();
        var e = Assert.ThrowsExactly<KeyNotFoundException>(() => net.GetModule("layer1.3.conv1"));
        StringAssert.Contains(e.Message, "'3'");
        Assert.ThrowsExactly<KeyNotFoundException>(() => net.GetParameter("bn1.running_mean"));
    }

    [TestMethod]
    public void CountParameters_TinyNet_MatchesHandCount()
    {
        using var net = new TinyNet();
        // conv1 108, bn1 8, block0: conv 144 + bn 8 + ds conv 16 + ds bn 8, block1: 144 + 8, fc 20 + 5.
        Assert.AreEqual(108 + 8 + 144 + 8 + 16 + 8 + 144 + 8 + 25, net.CountParameters());
        net.Fc.SetRequiresGrad(false);
        Assert.AreEqual(108 + 8 + 144 + 8 + 16 + 8 + 144 + 8, net.CountParameters(trainableOnly: true));
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("a.b", DisplayName = "dotted")]
    public void Register_InvalidName_Throws(string name)
    {
        using var m = new OpenModule();
        Assert.ThrowsExactly<ArgumentException>(() => m.AddParameter(name, new Tensor(2)));
        Assert.ThrowsExactly<ArgumentException>(() => m.AddBuffer(name, new Tensor(2)));
        Assert.ThrowsExactly<ArgumentException>(() => m.AddModule(name, new ReLU()));
    }

    [TestMethod]
    public void Register_DuplicateNameAcrossKinds_ThrowsNamingIt()
    {
        using var m = new OpenModule();
        m.AddParameter("weight", new Tensor(2));
        var e = Assert.ThrowsExactly<ArgumentException>(() => m.AddBuffer("weight", new Tensor(2)));
        StringAssert.Contains(e.Message, "'weight'");
        StringAssert.Contains(e.Message, "parameter");
        Assert.ThrowsExactly<ArgumentException>(() => m.AddModule("weight", new ReLU()));
        Assert.ThrowsExactly<ArgumentException>(() => m.AddParameter("weight", new Tensor(2)));
    }

    [TestMethod]
    public void RegisterParameter_InsideScope_SurvivesTheScope()
    {
        OpenModule m = new();
        Tensor p;
        using (TensorScope.Begin()) p = m.AddParameter("w", Tensor.Ones(3));
        Assert.IsFalse(p.IsDisposed);
        Assert.IsTrue(p.RequiresGrad);
        m.Dispose();
        Assert.IsTrue(p.IsDisposed);
    }

    [TestMethod]
    public void RegisterBuffer_NonPersistent_NotInStateDictButInBuffers()
    {
        using var m = new OpenModule();
        m.AddBuffer("cache", Tensor.Ones(2), persistent: false);
        m.AddBuffer("stat", Tensor.Ones(2));
        CollectionAssert.AreEqual(new[] { "stat" }, m.StateDict().Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "cache", "stat" }, m.NamedBuffers().Select(kv => kv.Key).ToArray());
    }

    [TestMethod]
    public void TrainEval_PropagatesToEveryDescendant()
    {
        using var net = new TinyNet();
        Assert.IsTrue(net.Modules().All(m => m.IsTraining));
        Assert.AreSame(net, net.Eval());
        Assert.IsTrue(net.Modules().All(m => !m.IsTraining));
        net.Train();
        Assert.IsTrue(net.Modules().All(m => m.IsTraining));
        net.Layer1.Train(false);
        Assert.IsTrue(net.IsTraining);
        Assert.IsFalse(net.GetModule("layer1.1.bn1").IsTraining);
    }

    [TestMethod]
    public void ZeroGrad_ClearsEveryGradient()
    {
        using var net = new TinyNet();
        foreach (var p in net.Parameters()) p.Grad = Tensor.Ones(p.ShapeArray);
        net.ZeroGrad();
        Assert.IsTrue(net.Parameters().All(p => p.Grad is null));
    }

    [TestMethod]
    public void SharedParameter_ListedOnceInParametersButTwiceInStateDict()
    {
        using var m = new OpenModule();
        var shared = new Linear(2, 2, generator: new Generator(3));
        m.AddModule("a", shared);
        m.AddModule("b", shared);
        CollectionAssert.AreEqual(new[] { "a.weight", "a.bias" }, m.NamedParameters().Select(kv => kv.Key).ToArray());
        CollectionAssert.AreEqual(new[] { "a.weight", "a.bias", "b.weight", "b.bias" }, m.StateDict().Keys.ToArray());
    }

    [TestMethod]
    public void ReplaceModule_KeepsPositionAndNests()
    {
        using var net = new TinyNet();
        var block = (TinyBlock)net.Layer1[1];
        var wrapper = new OpenModule();
        var old = block.ReplaceModule("conv1", wrapper);
        wrapper.AddModule("net", old);
        var keys = net.StateDict().Keys.Where(k => k.StartsWith("layer1.1.")).ToArray();
        Assert.AreEqual("layer1.1.conv1.net.weight", keys[0]);
        Assert.AreEqual("layer1.1.bn1.weight", keys[1]);
        Assert.ThrowsExactly<KeyNotFoundException>(() => block.ReplaceModule("conv9", new ReLU()));
    }

    [TestMethod]
    public void Forward_ModuleList_ThrowsNotSupported()
    {
        using var list = new ModuleList(new ReLU(), new ReLU());
        Assert.ThrowsExactly<NotSupportedException>(() => list.Forward(new Tensor(1)));
        CollectionAssert.AreEqual(new[] { "", "0", "1" }, list.NamedModules().Select(kv => kv.Key).ToArray());
    }
    [TestMethod]
    public void ToString_TinyNet_PrintsLikePyTorch()
    {
        using var net = new TinyNet();
        string text = net.ToString().Replace("\r\n", "\n");
        StringAssert.StartsWith(text, "TinyNet(\n  (conv1): Conv2d(3, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n");
        StringAssert.Contains(text, "  (bn1): BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n");
        StringAssert.Contains(text, "      (downsample): Sequential(\n        (0): Conv2d(4, 4, kernel_size=(1, 1), stride=(1, 1), bias=False)\n");
        StringAssert.Contains(text, "  (fc): Linear(in_features=4, out_features=5, bias=True)\n)");
        Assert.AreEqual("ReLU()", new ReLU().ToString());
    }
    [TestMethod]
    public void RegisterModule_SelfOrAncestor_Throws()
    {
        using var outer = new OpenModule();
        var inner = outer.AddModule("inner", new OpenModule());
        Assert.ThrowsExactly<ArgumentException>(() => outer.AddModule("self", outer));
        Assert.ThrowsExactly<ArgumentException>(() => inner.AddModule("outer", outer));
        inner.AddModule("x", new ReLU());
        Assert.ThrowsExactly<ArgumentException>(() => inner.ReplaceModule("x", outer));
    }
    [TestMethod]
    public void Apply_VisitsChildrenBeforeParents()
    {
        using var net = new TinyNet();
        var order = new List<string>();
        net.Apply(m => order.Add(m.GetType().Name));
        CollectionAssert.AreEqual(new[] { "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d", "ReLU", "Conv2d", "BatchNorm2d", "Sequential", "TinyBlock" }, order.Take(9).ToArray());
        Assert.AreEqual("TinyNet", order[^1]);
        // torchvision-style init in one place: BN gamma 1 -> 0.5 everywhere.
        net.Apply(m => { if (m is BatchNorm bn) MLVideo.Tensors.Nn.Init.Constant(bn.Weight!, 0.5f); });
        Assert.IsTrue(net.Modules().OfType<BatchNorm>().All(bn => bn.Weight!.ToArray().All(v => v == 0.5f)));
    }
}
