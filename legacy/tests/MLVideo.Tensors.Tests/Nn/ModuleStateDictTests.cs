using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>StateDict / LoadStateDict / safetensors round trips of <see cref="Module"/>.</summary>
[TestClass]
public sealed class ModuleStateDictTests
{
    private static OrderedDictionary<string, Tensor> Copy(OrderedDictionary<string, Tensor> sd)
    {
        var copy = new OrderedDictionary<string, Tensor>();
        foreach (var (k, v) in sd) copy.Add(k, Tensor.FromArray(v.Data, v.ShapeArray));
        return copy;
    }

    private static void AssertSameState(Module expected, Module actual)
    {
        var e = expected.StateDict();
        var a = actual.StateDict();
        CollectionAssert.AreEqual(e.Keys.ToArray(), a.Keys.ToArray());
        foreach (var (k, v) in e) CollectionAssert.AreEqual(v.ToArray(), a[k].ToArray(), k);
    }

    private static void Randomize(Module m, int seed)
    {
        var g = new Generator((ulong)seed);
        foreach (var (_, t) in m.StateDict()) g.FillNormal(t.Data, 0, 1);
    }

    [TestMethod]
    public void LoadStateDict_FromOtherSeed_CopiesEveryValueAndKeepsTensors()
    {
        using var source = new TinyNet(seed: 1);
        Randomize(source, 10);
        using var target = new TinyNet(seed: 2);
        var weightBefore = target.Fc.Weight;
        var result = target.LoadStateDict(source.StateDict());
        Assert.IsTrue(result.IsExactMatch, result.ToString());
        AssertSameState(source, target);
        Assert.AreSame(weightBefore, target.Fc.Weight);
        Assert.IsTrue(target.Fc.Weight.RequiresGrad && target.Fc.Weight.IsLeaf);
    }

    [TestMethod]
    public void LoadStateDict_Strict_ThrowsListingEveryProblemAndChangesNothing()
    {
        using var target = new TinyNet(seed: 2);
        using var source = new TinyNet(seed: 1, classes: 7);
        var sd = Copy(source.StateDict());
        sd.Remove("bn1.running_var");
        sd.Add("head.weight", Tensor.Ones(2));
        float before = target.Conv1.Weight.Data[0];

        var e = Assert.ThrowsExactly<StateDictLoadException>(() => target.LoadStateDict(sd));
        StringAssert.Contains(e.Message, "bn1.running_var");
        StringAssert.Contains(e.Message, "head.weight");
        StringAssert.Contains(e.Message, "fc.weight: module [5, 4], loaded [7, 4]");
        StringAssert.Contains(e.Message, "fc.bias: module [5], loaded [7]");
        CollectionAssert.AreEqual(new[] { "bn1.running_var" }, e.Result.MissingKeys.ToArray());
        CollectionAssert.AreEqual(new[] { "head.weight" }, e.Result.UnexpectedKeys.ToArray());
        CollectionAssert.AreEqual(new[] { "fc.weight", "fc.bias" }, e.Result.MisShapedKeys.Select(k => k.Key).ToArray());
        CollectionAssert.AreEqual(new[] { 7, 4 }, e.Result.MisShapedKeys[0].LoadedShape);
        Assert.AreEqual(before, target.Conv1.Weight.Data[0]);
    }

    [TestMethod]
    public void LoadStateDict_NonStrict_CopiesMatchingKeysAndReports()
    {
        using var target = new TinyNet(seed: 2);
        using var source = new TinyNet(seed: 1, classes: 7);
        Randomize(source, 5);
        var sd = Copy(source.StateDict());
        sd.Remove("bn1.running_var");
        sd.Add("extra", Tensor.Ones(1));
        float[] fcBefore = target.Fc.Weight.ToArray();

        var result = target.LoadStateDict(sd, strict: false);
        CollectionAssert.AreEqual(new[] { "bn1.running_var" }, result.MissingKeys.ToArray());
        CollectionAssert.AreEqual(new[] { "extra" }, result.UnexpectedKeys.ToArray());
        Assert.AreEqual(2, result.MisShapedKeys.Count);
        CollectionAssert.AreEqual(source.Conv1.Weight.ToArray(), target.Conv1.Weight.ToArray());
        CollectionAssert.AreEqual(source.Bn1.RunningMean!.ToArray(), target.Bn1.RunningMean!.ToArray());
        CollectionAssert.AreEqual(new float[] { 1, 1, 1, 1 }, target.Bn1.RunningVar!.ToArray());
        CollectionAssert.AreEqual(fcBefore, target.Fc.Weight.ToArray());
    }

    [TestMethod]
    public void LoadStateDict_WithMapper_LoadsDataParallelTsmCheckpoint()
    {
        using var source = new TinyNet(seed: 1);
        Randomize(source, 6);
        var checkpoint = new OrderedDictionary<string, Tensor>();
        foreach (var (k, v) in source.StateDict())
            checkpoint.Add("module.base_model." + k.Replace("fc.", "new_fc."), v);
        checkpoint.Add("module.consensus.dummy", Tensor.Ones(1));

        using var target = new TinyNet(seed: 2);
        Assert.ThrowsExactly<StateDictLoadException>(() => target.LoadStateDict(checkpoint));
        var mapper = StateDictMapper.StripWrapperPrefixes().Drop(@"^consensus\.").RenamePrefix("new_fc.", "fc.");
        var result = target.LoadStateDict(checkpoint, strict: true, mapper);
        Assert.IsTrue(result.IsExactMatch);
        AssertSameState(source, target);
    }

    [TestMethod]
    public void LoadSafeTensors_AfterSave_RoundTripsIncludingNumBatchesTracked()
    {
        using var source = new TinyNet(seed: 1);
        Randomize(source, 7);
        source.Bn1.NumBatchesTracked!.Data[0] = 123;
        string path = Path.Combine(Path.GetTempPath(), $"nn-roundtrip-{Guid.NewGuid():N}.safetensors");
        try
        {
            source.SaveSafeTensors(path, new Dictionary<string, string> { ["model"] = "tiny" });
            var file = SafeTensors.Load(path);
            CollectionAssert.AreEqual(source.StateDict().Keys.ToArray(), file.Names.ToArray());
            Assert.AreEqual("tiny", file.Metadata["model"]);

            using var target = new TinyNet(seed: 2);
            var result = target.LoadSafeTensors(path);
            Assert.IsTrue(result.IsExactMatch);
            AssertSameState(source, target);
            Assert.AreEqual(123f, target.Bn1.NumBatchesTracked!.Item());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void LoadStateDict_Fixture_LoadsPyTorchBatchNormWithInt64Counter()
    {
        // batchnorm2d_train stores the PyTorch state dict as param.* and buffer.* (num_batches_tracked as I64).
        var f = MLVideo.Tensors.Tests.Fixtures.Fixture.Load("batchnorm2d_train");
        var sd = new OrderedDictionary<string, Tensor>();
        foreach (var name in f.Names.Where(n => n.StartsWith("param.") || n.StartsWith("buffer.")))
            sd.Add(name[(name.IndexOf('.') + 1)..], f.Get(name));
        using var bn = new BatchNorm2d(f.ShapeOf("param.weight")[0]);
        var result = bn.LoadStateDict(sd);
        Assert.IsTrue(result.IsExactMatch, result.ToString());
        CollectionAssert.AreEqual(sd.Keys.ToArray(), bn.StateDict().Keys.ToArray());
        CollectionAssert.AreEqual(f.Get("buffer.running_var").ToArray(), bn.RunningVar!.ToArray());
    }
    [TestMethod]
    public void LoadStateDict_OldCheckpointWithoutNumBatchesTracked_LoadsStrictlyWithCounterZero()
    {
        // PyTorch's _NormBase fills a missing num_batches_tracked with 0 (checkpoints before PyTorch 0.4.1).
        using var source = new TinyNet(seed: 1);
        Randomize(source, 8);
        var old = new OrderedDictionary<string, Tensor>();
        foreach (var (k, v) in source.StateDict())
            if (!k.EndsWith("num_batches_tracked")) old.Add(k, v);
        using var target = new TinyNet(seed: 2);
        target.Bn1.NumBatchesTracked!.Data[0] = 5;
        var result = target.LoadStateDict(old);
        Assert.IsTrue(result.IsExactMatch, result.ToString());
        Assert.AreEqual(0f, target.Bn1.NumBatchesTracked.Item());
        CollectionAssert.AreEqual(source.Bn1.RunningVar!.ToArray(), target.Bn1.RunningVar!.ToArray());

        // Other buffers are still required.
        old.Remove("bn1.running_mean");
        var e = Assert.ThrowsExactly<StateDictLoadException>(() => target.LoadStateDict(old));
        CollectionAssert.AreEqual(new[] { "bn1.running_mean" }, e.Result.MissingKeys.ToArray());
    }
}
