using MLVideo.Tensors.Optim;

namespace MLVideo.Tensors.Tests.Optim;

/// <summary>Saving and restoring optimiser state (momentum buffers, moments, step counts, group settings).</summary>
[TestClass]
public sealed class OptimizerStateTests
{
    private static Tensor[] MakeParameters(int seed)
    {
        var g = new Generator((ulong)seed);
        return [Tensor.Randn([3, 5], g).RequiresGrad_(), Tensor.Randn([7], g).RequiresGrad_(), Tensor.Randn([40], g).RequiresGrad_()];
    }

    private static void SetGradients(Tensor[] parameters, int seed)
    {
        var g = new Generator((ulong)seed);
        foreach (var p in parameters) p.Grad = Tensor.Randn(p.ShapeArray, g);
    }

    private static Tensor[] Clone(Tensor[] parameters) =>
        parameters.Select(p => Tensor.FromArray(p.Data, p.ShapeArray).RequiresGrad_()).ToArray();

    /// <summary>Trains 3 steps, saves, then checks that 2 more steps give identical results in the original and in a restored copy.</summary>
    private static void CheckResume(Func<Tensor[], Optimizer> create)
    {
        var original = MakeParameters(1);
        using var opt = create(original);
        for (int s = 0; s < 3; s++)
        {
            SetGradients(original, 100 + s);
            opt.Step();
        }
        opt.ParameterGroups[0].LearningRate *= 0.5;
        string path = Path.Combine(Path.GetTempPath(), $"optim-{Guid.NewGuid():N}.safetensors");
        try
        {
            opt.Save(path);
            var restored = Clone(original);
            using var opt2 = create(restored);
            opt2.Load(path);
            Assert.AreEqual(opt.ParameterGroups[0].LearningRate, opt2.ParameterGroups[0].LearningRate);
            Assert.AreEqual(3, opt2.StepCountOf(restored[0]));
            for (int s = 0; s < 2; s++)
            {
                SetGradients(original, 200 + s);
                SetGradients(restored, 200 + s);
                opt.Step();
                opt2.Step();
            }
            for (int i = 0; i < original.Length; i++) CollectionAssert.AreEqual(original[i].ToArray(), restored[i].ToArray(), $"parameter {i}");

            // Without the state, the continuation differs: the test can fail.
            var fresh = Clone(original);
            using var opt3 = create(fresh);
            SetGradients(fresh, 300);
            SetGradients(original, 300);
            opt3.Step();
            opt.Step();
            CollectionAssert.AreNotEqual(original[0].ToArray(), fresh[0].ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void SaveLoad_Sgd_ResumesIdentically() =>
        CheckResume(ps => new Sgd([new ParameterGroup(ps.Take(2)), new ParameterGroup(ps.Skip(2), learningRate: 0.3)], 0.1, momentum: 0.9, weightDecay: 1e-4));

    [TestMethod]
    public void SaveLoad_AdamW_ResumesIdentically() =>
        CheckResume(ps => new AdamW(ps, learningRate: 1e-2));

    [TestMethod]
    public void StateDict_Sgd_HasPyTorchNamesByParameterIndex()
    {
        var ps = MakeParameters(2);
        using var sgd = new Sgd([new ParameterGroup(ps.Take(1)), new ParameterGroup(ps.Skip(1))], 0.1, momentum: 0.9);
        ps[0].Grad = Tensor.Ones(3, 5);
        ps[2].Grad = Tensor.Ones(40);
        sgd.Step();
        CollectionAssert.AreEqual(new[] { "state.0.momentum_buffer", "state.0.step", "state.2.momentum_buffer", "state.2.step" }, sgd.StateDict().Keys.ToArray());
        StringAssert.Contains(sgd.ParameterGroupsJson(), "\"params\":[1,2]");
    }

    [TestMethod]
    public void Load_WrongOptimizerType_Throws()
    {
        var ps = MakeParameters(3);
        using var sgd = new Sgd(ps, 0.1, momentum: 0.9);
        SetGradients(ps, 4);
        sgd.Step();
        string path = Path.Combine(Path.GetTempPath(), $"optim-{Guid.NewGuid():N}.safetensors");
        try
        {
            sgd.Save(path);
            using var adamw = new AdamW(ps);
            var e = Assert.ThrowsExactly<InvalidDataException>(() => adamw.Load(path));
            StringAssert.Contains(e.Message, "Sgd");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void LoadStateDict_MismatchedShapeOrIndex_ThrowsAndKeepsState()
    {
        var ps = MakeParameters(5);
        using var sgd = new Sgd(ps, 0.1, momentum: 0.9);
        SetGradients(ps, 6);
        sgd.Step();
        var bad = new OrderedDictionary<string, Tensor> { ["state.0.momentum_buffer"] = Tensor.Ones(2) };
        var e = Assert.ThrowsExactly<InvalidDataException>(() => sgd.LoadStateDict(bad));
        StringAssert.Contains(e.Message, "state.0.momentum_buffer");
        Assert.ThrowsExactly<InvalidDataException>(() => sgd.LoadStateDict(new OrderedDictionary<string, Tensor> { ["state.9.step"] = Tensor.Scalar(1) }));
        Assert.ThrowsExactly<InvalidDataException>(() => sgd.LoadStateDict(new OrderedDictionary<string, Tensor> { ["state.0.exp_avg"] = Tensor.Ones(3, 5) }));
        Assert.AreEqual(1, sgd.StepCountOf(ps[0]));
    }
}
