using MLVideo.Trainers.Training;
using MLVideo.Trainers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>TorchSharp's SGD and AdamW, as the loop builds them, against three PyTorch steps each (fixtures README "Optimisers").</summary>
[TestClass]
public sealed class GroupedOptimizerTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Step_SgdMomentumFixture_MatchesPyTorch() => CheckSgd("sgd_momentum");

    [TestMethod]
    [TestCategory("Parity")]
    public void Step_SgdNesterovFixture_MatchesPyTorch() => CheckSgd("sgd_nesterov");

    [TestMethod]
    [TestCategory("Parity")]
    public void Step_AdamWFixture_MatchesPyTorch()
    {
        using var file = TrainingFixtures.Open("adamw");
        var config = TrainingFixtures.Config(file);
        var betas = config.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        var settings = new OptimizerSettings(OptimizerKind.AdamW, config.GetProperty("lr").GetDouble(), config.GetProperty("weight_decay").GetDouble(),
            0, false, betas[0], betas[1], config.GetProperty("eps").GetDouble());
        Run(file, settings, config.GetProperty("steps").GetInt32(), ["exp_avg", "exp_avg_sq"]);
    }

    [TestMethod]
    public void LoadState_SavedAfterSteps_RestoresMomentumBuffers()
    {
        var settings = new OptimizerSettings(OptimizerKind.Sgd, 0.1, 1e-4, 0.9, false, 0.9, 0.999, 1e-8);
        using var model = TinyMotionNet.Create(seed: 1);
        using var optimizer = new GroupedOptimizer(model, ParameterGroups.Official(model), settings);
        TakeSteps(model, optimizer, 2);
        string path = Path.Combine(Path.GetTempPath(), $"mlvideo-optim-{Guid.NewGuid():N}.safetensors");
        using (var scope = NewDisposeScope()) SafeTensorsWriter.Write(path, optimizer.StateTensors().Select(t => KeyValuePair.Create(t.Name, t.Tensor)));

        using var other = TinyMotionNet.Create(seed: 2);
        using var restored = new GroupedOptimizer(other, ParameterGroups.Official(other), settings);
        using (var file = SafeTensorsReader.Open(path)) restored.LoadState(file, CPU);
        File.Delete(path);
        using var scope2 = NewDisposeScope();
        var expected = optimizer.StateTensors();
        var actual = restored.StateTensors();
        CollectionAssert.AreEqual(expected.Select(e => e.Name).ToArray(), actual.Select(a => a.Name).ToArray());
        Assert.AreEqual(model.parameters().Count(), expected.Count, "one momentum buffer per parameter");
        for (int i = 0; i < expected.Count; i++) Assert.IsTrue(expected[i].Tensor.Equals(actual[i].Tensor), expected[i].Name);
    }

    [TestMethod]
    public void SetLearningRateFactor_OfficialGroups_ScalesEachGroupsBaseRate()
    {
        var settings = new OptimizerSettings(OptimizerKind.Sgd, 0.1, 1e-4, 0.9, false, 0.9, 0.999, 1e-8);
        using var model = TinyMotionNet.Create(seed: 1);
        var groups = ParameterGroups.Official(model);
        using var optimizer = new GroupedOptimizer(model, groups, settings);
        optimizer.SetLearningRateFactor(0.5);
        var expected = groups.Select(g => 0.1 * g.LearningRateMultiplier * 0.5).ToArray();
        CollectionAssert.AreEqual(expected, optimizer.LearningRates.ToArray());
    }

    private static void CheckSgd(string caseName)
    {
        using var file = TrainingFixtures.Open(caseName);
        var config = TrainingFixtures.Config(file);
        Assert.AreEqual(0.0, config.GetProperty("dampening").GetDouble(), "the loop's SGD has no dampening");
        var settings = new OptimizerSettings(OptimizerKind.Sgd, config.GetProperty("lr").GetDouble(), config.GetProperty("weight_decay").GetDouble(),
            config.GetProperty("momentum").GetDouble(), config.GetProperty("nesterov").GetBoolean(), 0.9, 0.999, 1e-8);
        Run(file, settings, config.GetProperty("steps").GetInt32(), ["momentum_buffer"]);
    }

    private static void Run(SafeTensorsFile file, OptimizerSettings settings, int steps, string[] stateFields)
    {
        using var initial = file.ToTensor("in.param");
        using var model = new SingleParameter(initial);
        using var optimizer = new GroupedOptimizer(model, ParameterGroups.Single(model), settings);
        for (int k = 1; k <= steps; k++)
        {
            using var scope = NewDisposeScope();
            var gradient = file.ToTensor($"in.grad_step{k}");
            optimizer.ZeroGrad();
            (model.param * gradient).sum().backward();   // d/dp sum(p * g) = g, exactly the fixture's gradient
            optimizer.Step();
            TrainingFixtures.AssertClose(file, $"out.param_step{k}", model.param.detach());
            foreach (var field in stateFields)
                TrainingFixtures.AssertClose(file, $"out.{field}_step{k}", optimizer.State("param", field) ?? throw new AssertFailedException($"no {field} after step {k}"));
        }
    }

    private static void TakeSteps(TinyMotionNet model, GroupedOptimizer optimizer, int steps)
    {
        var data = MovingBlockClips.Create(4, seed: 1).GetBatches(4, null, default).First();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.cross_entropy(model.call(tensor(data.Data, data.Shape)), tensor(data.Labels)).backward();
            optimizer.Step();
        }
    }

    /// <summary>A module holding one parameter named <c>param</c>, as the fixtures name it.</summary>
    private sealed class SingleParameter : nn.Module
    {
        public readonly Parameter param;

        public SingleParameter(Tensor value) : base(nameof(SingleParameter))
        {
            param = new Parameter(value.clone());
            RegisterComponents();
        }
    }
}
