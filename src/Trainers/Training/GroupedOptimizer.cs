using System.Globalization;
using MLVideo.Trainers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// TorchSharp's SGD or AdamW over the parameter groups of <see cref="ParameterGroups"/>, each group at its base
/// rate (learning rate x multiplier) times the schedule factor of the current step, and with its own weight decay.
/// Its state (momentum buffers, Adam moments and step counts) is exposed by parameter name for checkpoints.
/// </summary>
internal sealed class GroupedOptimizer : IDisposable
{
    private const string Prefix = "optim.";
    private readonly OptimizerHelper _optimizer;
    private readonly List<(ParameterGroup Group, TorchSharp.Modules.ParamGroup TorchGroup, double BaseRate)> _groups = [];
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];

    public GroupedOptimizer(torch.nn.Module model, IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        Settings = settings;
        var byName = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var sgdGroups = new List<SGD.ParamGroup>();
        var adamGroups = new List<AdamW.ParamGroup>();
        foreach (var group in groups)
        {
            var parameters = group.ParameterNames.Select(n => byName.TryGetValue(n, out var p) ? p
                : throw new ArgumentException($"Parameter group '{group.Name}' names '{n}', which the model does not have.", nameof(groups))).ToList();
            _parameters.AddRange(group.ParameterNames.Zip(parameters));
            double rate = settings.LearningRate * group.LearningRateMultiplier;
            double decay = settings.WeightDecay * group.WeightDecayMultiplier;
            TorchSharp.Modules.ParamGroup torchGroup;
            if (settings.Kind == OptimizerKind.Sgd)
            {
                var g = new SGD.ParamGroup(parameters, rate, settings.Momentum, dampening: 0, weight_decay: decay, nesterov: settings.Nesterov);
                sgdGroups.Add(g);
                torchGroup = g;
            }
            else
            {
                var g = new AdamW.ParamGroup(parameters, rate, settings.Beta1, settings.Beta2, settings.Epsilon, weight_decay: decay);
                adamGroups.Add(g);
                torchGroup = g;
            }
            _groups.Add((group, torchGroup, rate));
        }
        _optimizer = settings.Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(sgdGroups, settings.LearningRate, settings.Momentum, nesterov: settings.Nesterov, weight_decay: settings.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(adamGroups, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown optimiser."),
        };
    }

    /// <summary>The optimiser's hyper-parameters.</summary>
    public OptimizerSettings Settings { get; }

    /// <summary>The groups, in order.</summary>
    public IEnumerable<ParameterGroup> Groups => _groups.Select(g => g.Group);

    /// <summary>Every optimised parameter, group by group.</summary>
    public IEnumerable<Parameter> Parameters => _parameters.Select(p => p.Parameter);

    /// <summary>Sets every group's rate to its base rate times <paramref name="factor"/>.</summary>
    public void SetLearningRateFactor(double factor)
    {
        foreach (var (_, torchGroup, baseRate) in _groups) torchGroup.LearningRate = baseRate * factor;
    }

    /// <summary>Current learning rate of each group.</summary>
    public IReadOnlyList<double> LearningRates => _groups.Select(g => g.TorchGroup.LearningRate).ToArray();

    public void ZeroGrad() => _optimizer.zero_grad();

    public void Step() => _optimizer.step();

    /// <summary>
    /// A line that must agree between a checkpoint and the run resuming from it: optimiser kind and, per group, its
    /// name, multipliers and parameters (by count and a name list).
    /// </summary>
    public string Layout =>
        $"{Settings.Kind}; " + string.Join("; ", _groups.Select(g => FormattableString.Invariant(
            $"{g.Group.Name} x{g.Group.LearningRateMultiplier} decay x{g.Group.WeightDecayMultiplier} ({g.Group.ParameterNames.Count}: {string.Join(",", g.Group.ParameterNames)})")));

    /// <summary>
    /// The state tensors, named <c>optim.&lt;parameter&gt;.&lt;field&gt;</c>: live references, not copies, except the Adam
    /// step counts, made here; call it inside a dispose scope, which then frees those.
    /// </summary>
    public List<(string Name, Tensor Tensor)> StateTensors()
    {
        var result = new List<(string, Tensor)>();
        var states = _optimizer.state_dict().State;
        for (int i = 0; i < _parameters.Count; i++)
        {
            string key = Prefix + _parameters[i].Name + ".";
            switch (states[i])
            {
                case SGD.State sgd when sgd.momentum_buffer is not null:
                    result.Add((key + "momentum_buffer", sgd.momentum_buffer));
                    break;
                case AdamW.State adam:
                    result.Add((key + "step", torch.tensor(adam.step)));
                    result.Add((key + "exp_avg", adam.exp_avg));
                    result.Add((key + "exp_avg_sq", adam.exp_avg_sq));
                    break;
            }
        }
        return result;
    }

    /// <summary>Replaces the state with the one stored in <paramref name="file"/> (absent momentum buffers stay absent).</summary>
    public void LoadState(SafeTensorsFile file, Device device)
    {
        var states = _optimizer.state_dict().State;
        for (int i = 0; i < _parameters.Count; i++)
        {
            string key = Prefix + _parameters[i].Name + ".";
            switch (states[i])
            {
                case SGD.State sgd:
                    sgd.momentum_buffer?.Dispose();
                    sgd.momentum_buffer = file.Contains(key + "momentum_buffer") ? Read(file, key + "momentum_buffer", device) : null;
                    break;
                case AdamW.State adam:
                    using (var step = file.ToTensor(key + "step")) adam.step = step.item<long>();
                    adam.exp_avg.Dispose();
                    adam.exp_avg = Read(file, key + "exp_avg", device);
                    adam.exp_avg_sq.Dispose();
                    adam.exp_avg_sq = Read(file, key + "exp_avg_sq", device);
                    break;
            }
        }
    }

    /// <summary>The state of one parameter's field (for tests), or null.</summary>
    public Tensor? State(string parameterName, string field) =>
        StateTensors().Where(t => t.Name == Prefix + parameterName + "." + field).Select(t => t.Tensor).FirstOrDefault();

    public void Dispose() => _optimizer.Dispose();

    private static Tensor Read(SafeTensorsFile file, string name, Device device) => file.ToTensor(name, device).DetachFromDisposeScope();

    internal static string Describe(OptimizerSettings s) => s.Kind == OptimizerKind.Sgd
        ? string.Create(CultureInfo.InvariantCulture, $"SGD lr {s.LearningRate} momentum {s.Momentum} nesterov {s.Nesterov} weight decay {s.WeightDecay}")
        : string.Create(CultureInfo.InvariantCulture, $"AdamW lr {s.LearningRate} betas {s.Beta1}/{s.Beta2} eps {s.Epsilon} weight decay {s.WeightDecay}");
}
