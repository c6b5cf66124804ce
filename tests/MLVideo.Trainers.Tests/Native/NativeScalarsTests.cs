using System.Diagnostics;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Native;

/// <summary>
/// Regression tests for Scalar temporaries finalised during native calls (see NativeScalars): the per-step paths
/// (optimiser steps; training forwards of a residual block, GSF and an inverted residual) run under <see cref="CollectionPressure"/> and must give
/// bit-for-bit the results of a quiet run, and must not throw. Each loud run stops after a bounded time; the quiet
/// run then repeats exactly as many iterations.
/// </summary>
[TestClass]
public sealed class NativeScalarsTests
{
    private static readonly TimeSpan LoudBudget = TimeSpan.FromSeconds(3);

    [TestMethod]
    public void SgdNesterovStep_UnderForcedCollections_MatchesQuietRun() =>
        CheckOptimizer(new OptimizerSettings(OptimizerKind.Sgd, 0.05, 1e-3, 0.9, true, 0.9, 0.999, 1e-8), maxSteps: 20_000);

    [TestMethod]
    public void AdamWStep_UnderForcedCollections_MatchesQuietRun() =>
        CheckOptimizer(new OptimizerSettings(OptimizerKind.AdamW, 1e-3, 0.05, 0, false, 0.9, 0.999, 1e-8), maxSteps: 20_000);

    [TestMethod]
    public void BlocksTrainingForward_UnderForcedCollections_MatchesQuietRun()
    {
        using var input = randn([4, 8, 6, 6], generator: new Generator(5));   // (N*T, C, H, W) with T = 4
        int iterations;
        Dictionary<string, Tensor> loud;
        using (var pressure = new CollectionPressure())
        {
            (iterations, loud) = Forwards(input, 200_000, LoudBudget);
            Assert.IsGreaterThan(0, pressure.Collections, "the pressure thread forced no collection");
        }
        var (_, quiet) = Forwards(input, iterations, TimeSpan.MaxValue);
        Console.WriteLine($"{iterations} training forwards under pressure");
        AssertSame(quiet, loud, $"{iterations} training forwards");
    }

    /// <summary>
    /// Training-mode forwards (batch norm counts batches and updates its running statistics) under no_grad through
    /// a residual block, a GSF module and an inverted residual, small enough for many iterations; returns the final
    /// state dict and output.
    /// </summary>
    private static (int Iterations, Dictionary<string, Tensor> State) Forwards(Tensor input, int maxIterations, TimeSpan budget)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try { return ForwardsOnOneThread(input, maxIterations, budget); }
        finally { torch.set_num_threads(threads); }
    }

    private static (int Iterations, Dictionary<string, Tensor> State) ForwardsOnOneThread(Tensor input, int maxIterations, TimeSpan budget)
    {
        torch.manual_seed(4);
        using var model = nn.Sequential(
            ("block", new BasicBlock(8, 8, 1, NoInsertion.Instance)),
            ("gsf", new GateShiftFuse(8, numSegments: 4, generator: new Generator(4))),
            ("inverted", new InvertedResidual(8, 8, 1, expandRatio: 2)));
        model.train();
        using var noGrad = no_grad();
        var clock = Stopwatch.StartNew();
        Tensor? output = null;
        int i = 0;
        for (; i < maxIterations && clock.Elapsed < budget; i++)
        {
            using var scope = NewDisposeScope();
            output?.Dispose();
            output = model.call(input).MoveToOuterDisposeScope();
        }
        var state = Snapshot(model);
        state["output"] = output!;
        return (i, state);
    }

    private static void CheckOptimizer(OptimizerSettings settings, int maxSteps)
    {
        int steps;
        Dictionary<string, Tensor> loud;
        using (var pressure = new CollectionPressure())
        {
            (steps, loud) = Steps(settings, maxSteps, LoudBudget);
            Assert.IsGreaterThan(0, pressure.Collections, "the pressure thread forced no collection");
        }
        var (_, quiet) = Steps(settings, steps, TimeSpan.MaxValue);
        Console.WriteLine($"{steps} {settings.Kind} steps under pressure");
        AssertSame(quiet, loud, $"{steps} {settings.Kind} steps");
    }

    /// <summary>
    /// Steps on a model of many small parameters (many native calls per step, each short), with gradients that are
    /// a fixed function of the step number; returns the parameters and the optimiser state.
    /// </summary>
    private static (int Steps, Dictionary<string, Tensor> State) Steps(OptimizerSettings settings, int maxSteps, TimeSpan budget)
    {
        using var model = new SmallParameters(count: 24, size: 8);
        using var optimizer = new GroupedOptimizer(model, ParameterGroups.Single(model), settings);
        using var gradients = randn([16, 8], generator: new Generator(9));
        var clock = Stopwatch.StartNew();
        int k = 0;
        for (; k < maxSteps && clock.Elapsed < budget; k++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = stack(model.parameters().Select((p, j) => (p * gradients[(k + j) % 16]).sum()).ToArray()).sum();
            loss.backward();
            optimizer.Step();
        }
        var state = Snapshot(model);
        using (var scope = NewDisposeScope())
            foreach (var (name, tensor) in optimizer.StateTensors()) state[name] = tensor.clone().DetachFromDisposeScope();
        return (k, state);
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
    }

    private static void AssertSame(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual, string what)
    {
        try
        {
            CollectionAssert.AreEquivalent(expected.Keys.ToArray(), actual.Keys.ToArray(), what);
            foreach (var (name, tensor) in expected)
                Assert.IsTrue(tensor.Equals(actual[name]), $"{what}: '{name}' differs between the quiet run and the run under forced collections.");
        }
        finally
        {
            foreach (var t in expected.Values.Concat(actual.Values)) t.Dispose();
        }
    }

    /// <summary>Parameters <c>p0</c>, <c>p1</c>, ... of <paramref name="size"/> elements, from a fixed generator.</summary>
    private sealed class SmallParameters : nn.Module
    {
        public SmallParameters(int count, int size) : base(nameof(SmallParameters))
        {
            var generator = new Generator(3);
            for (int i = 0; i < count; i++) register_parameter($"p{i}", new TorchSharp.Modules.Parameter(randn([size], generator: generator)));
        }
    }
}
