using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, with PyTorch's
/// exact update order (<c>torch.optim.SGD</c>): d = g + wd p; buf = d on the first step, else
/// momentum buf + (1 - dampening) d; d = nesterov ? d + momentum buf : buf; p -= lr d.
/// </summary>
/// <remarks>Per-group settings: learning rate, weight decay, momentum. Dampening and Nesterov apply to all groups.</remarks>
public sealed class Sgd : Optimizer
{
    private static readonly string[] BufferNames = ["momentum_buffer"];

    /// <summary>Optimises <paramref name="parameters"/> as one group.</summary>
    /// <param name="parameters">The parameters, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="learningRate">Learning rate.</param>
    /// <param name="momentum">Momentum factor; default 0 (plain SGD, no state).</param>
    /// <param name="dampening">Dampening of the momentum; default 0.</param>
    /// <param name="nesterov">Nesterov momentum (needs momentum &gt; 0 and dampening 0); default false.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient; default 0.</param>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : this([new ParameterGroup(parameters)], learningRate, momentum, dampening, nesterov, weightDecay)
    {
    }

    /// <summary>Optimises parameter groups; the other arguments are the defaults for settings a group leaves unset.</summary>
    /// <param name="groups">The parameter groups.</param>
    /// <param name="learningRate">Default learning rate.</param>
    /// <param name="momentum">Default momentum factor.</param>
    /// <param name="dampening">Dampening of the momentum; default 0.</param>
    /// <param name="nesterov">Nesterov momentum; default false.</param>
    /// <param name="weightDecay">Default L2 penalty.</param>
    public Sgd(IEnumerable<ParameterGroup> groups, double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(groups, CheckNonNegative(learningRate, nameof(learningRate)), CheckNonNegative(weightDecay, nameof(weightDecay)), CheckNonNegative(momentum, nameof(momentum)))
    {
        Dampening = CheckNonNegative(dampening, nameof(dampening));
        Nesterov = nesterov;
        if (nesterov && (dampening != 0 || ParameterGroups.Any(g => g.Momentum <= 0)))
            throw new ArgumentException("Sgd: Nesterov momentum requires a positive momentum and zero dampening in every group.", nameof(nesterov));
    }

    /// <summary>Dampening of the momentum.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => BufferNames;

    internal override void Update(ParameterGroup group, Tensor parameter, Tensor grad, ParameterState state)
    {
        bool useMomentum = group.Momentum != 0;
        Tensor? buffer = null;
        bool first = false;
        if (useMomentum) buffer = state.GetOrCreate("momentum_buffer", parameter, out first);
        var settings = new SgdSettings((float)group.LearningRate, (float)group.WeightDecay, (float)group.Momentum, (float)(1 - Dampening), Nesterov, first);
        OptimizerKernels.SgdParallel(parameter.RawArray, grad.RawArray, buffer?.RawArray, parameter.Count, settings);
    }

    private static double CheckNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"Sgd: {name} must be finite and non-negative.");
}
