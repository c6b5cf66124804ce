using System.Globalization;
using MLVideo.Trainers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// SGD (momentum, optional Nesterov, no dampening) or AdamW over the parameter groups of <see cref="ParameterGroups"/>,
/// each group at its base rate (learning rate x multiplier) times the schedule factor of the current step, and with
/// its own weight decay. The steps are our own (<see cref="SgdUpdate"/>, <see cref="AdamWUpdate"/>), with the maths
/// of PyTorch's optimisers, so that no Scalar temporary reaches a native call (see <see cref="Native.NativeScalars"/>).
/// Its state (momentum buffers, Adam moments and step counts) is exposed by parameter name for checkpoints.
/// </summary>
internal sealed class GroupedOptimizer : IDisposable
{
    private const string Prefix = "optim.";
    private readonly List<Group> _groups = [];

    public GroupedOptimizer(torch.nn.Module model, IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var byName = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var parameters = group.ParameterNames.Select(n => byName.TryGetValue(n, out var p)
                ? new OptimizedParameter(n, p, settings.Kind)
                : throw new ArgumentException($"Parameter group '{group.Name}' names '{n}', which the model does not have.", nameof(groups))).ToList();
            double rate = settings.LearningRate * group.LearningRateMultiplier;
            _groups.Add(new Group(group, parameters, rate, settings.WeightDecay * group.WeightDecayMultiplier) { LearningRate = rate });
        }
    }

    /// <summary>The optimiser's hyper-parameters.</summary>
    public OptimizerSettings Settings { get; }

    /// <summary>The groups, in order.</summary>
    public IEnumerable<ParameterGroup> Groups => _groups.Select(g => g.Definition);

    /// <summary>Every optimised parameter, group by group.</summary>
    public IEnumerable<Parameter> Parameters => AllParameters.Select(p => p.Parameter);

    private IEnumerable<OptimizedParameter> AllParameters => _groups.SelectMany(g => g.Parameters);

    /// <summary>Sets every group's rate to its base rate times <paramref name="factor"/>.</summary>
    public void SetLearningRateFactor(double factor)
    {
        foreach (var group in _groups) group.LearningRate = group.BaseRate * factor;
    }

    /// <summary>Current learning rate of each group.</summary>
    public IReadOnlyList<double> LearningRates => _groups.Select(g => g.LearningRate).ToArray();

    /// <summary>Zeroes every gradient in place (the gradient tensors stay allocated).</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in AllParameters) p.Parameter.grad?.zero_();
    }

    /// <summary>One update of every parameter that has a gradient, group by group.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        foreach (var group in _groups)
        {
            // One scope per group: the temporaries of a step never pile up beyond one group's worth.
            using var scope = NewDisposeScope();
            if (Settings.Kind == OptimizerKind.Sgd)
                SgdUpdate.Apply(group.Parameters, group.LearningRate, group.WeightDecay, Settings.Momentum, Settings.Nesterov);
            else
                AdamWUpdate.Apply(group.Parameters, group.LearningRate, group.WeightDecay, Settings.Beta1, Settings.Beta2, Settings.Epsilon);
        }
    }

    /// <summary>
    /// A line that must agree between a checkpoint and the run resuming from it: optimiser kind and, per group, its
    /// name, multipliers and parameters (by count and a name list).
    /// </summary>
    public string Layout =>
        $"{Settings.Kind}; " + string.Join("; ", _groups.Select(g => FormattableString.Invariant(
            $"{g.Definition.Name} x{g.Definition.LearningRateMultiplier} decay x{g.Definition.WeightDecayMultiplier} ({g.Definition.ParameterNames.Count}: {string.Join(",", g.Definition.ParameterNames)})")));

    /// <summary>
    /// The state tensors, named <c>optim.&lt;parameter&gt;.&lt;field&gt;</c>: live references, not copies, except the Adam
    /// step counts, made here; call it inside a dispose scope, which then frees those.
    /// </summary>
    public List<(string Name, Tensor Tensor)> StateTensors()
    {
        var result = new List<(string, Tensor)>();
        foreach (var p in AllParameters)
        {
            string key = Prefix + p.Name + ".";
            if (Settings.Kind == OptimizerKind.Sgd)
            {
                if (p.MomentumBuffer is not null) result.Add((key + "momentum_buffer", p.MomentumBuffer));
            }
            else
            {
                result.Add((key + "step", torch.tensor(p.Step)));
                result.Add((key + "exp_avg", p.ExpAvg!));
                result.Add((key + "exp_avg_sq", p.ExpAvgSq!));
            }
        }
        return result;
    }

    /// <summary>Replaces the state with the one stored in <paramref name="file"/> (absent momentum buffers stay absent).</summary>
    public void LoadState(SafeTensorsFile file, Device device)
    {
        ArgumentNullException.ThrowIfNull(file);
        foreach (var p in AllParameters)
        {
            string key = Prefix + p.Name + ".";
            if (Settings.Kind == OptimizerKind.Sgd)
            {
                p.ReplaceMomentumBuffer(file.Contains(key + "momentum_buffer") ? Read(file, key + "momentum_buffer", device) : null);
            }
            else
            {
                using (var step = file.ToTensor(key + "step")) p.Step = step.item<long>();
                p.ReplaceMoments(Read(file, key + "exp_avg", device), Read(file, key + "exp_avg_sq", device));
            }
        }
    }

    /// <summary>The state of one parameter's field (for tests), or null.</summary>
    public Tensor? State(string parameterName, string field) =>
        StateTensors().Where(t => t.Name == Prefix + parameterName + "." + field).Select(t => t.Tensor).FirstOrDefault();

    public void Dispose()
    {
        foreach (var p in AllParameters) p.Dispose();
    }

    private static Tensor Read(SafeTensorsFile file, string name, Device device) => file.ToTensor(name, device).DetachFromDisposeScope();

    internal static string Describe(OptimizerSettings s) => s.Kind == OptimizerKind.Sgd
        ? string.Create(CultureInfo.InvariantCulture, $"SGD lr {s.LearningRate} momentum {s.Momentum} nesterov {s.Nesterov} weight decay {s.WeightDecay}")
        : string.Create(CultureInfo.InvariantCulture, $"AdamW lr {s.LearningRate} betas {s.Beta1}/{s.Beta2} eps {s.Epsilon} weight decay {s.WeightDecay}");

    /// <summary>A parameter group with its own rate (moved by the schedule) and weight decay.</summary>
    private sealed class Group(ParameterGroup definition, List<OptimizedParameter> parameters, double baseRate, double weightDecay)
    {
        public ParameterGroup Definition { get; } = definition;
        public List<OptimizedParameter> Parameters { get; } = parameters;
        public double BaseRate { get; } = baseRate;
        public double WeightDecay { get; } = weightDecay;
        public double LearningRate { get; set; }
    }
}
