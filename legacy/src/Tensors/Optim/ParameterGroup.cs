namespace MLVideo.Tensors.Optim;

/// <summary>
/// A set of parameters sharing optimiser settings (PyTorch's <c>param_groups</c> entry), e.g. a 10x learning
/// rate for a new classifier head, or no weight decay for biases and BatchNorm. A setting left null takes the
/// optimiser's default when the group is added to it.
/// </summary>
public sealed class ParameterGroup
{
    private readonly Tensor[] _parameters;
    private double? _learningRate;
    private double? _weightDecay;
    private double? _momentum;

    /// <summary>Creates a group.</summary>
    /// <param name="parameters">The parameters (leaves with <see cref="Tensor.RequiresGrad"/>); each may belong to one group only.</param>
    /// <param name="learningRate">Learning rate, or null for the optimiser's default.</param>
    /// <param name="weightDecay">Weight decay, or null for the optimiser's default.</param>
    /// <param name="momentum">Momentum (SGD), or null for the optimiser's default.</param>
    /// <param name="name">Optional label for logs (e.g. "backbone", "head").</param>
    public ParameterGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null, double? momentum = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        for (int i = 0; i < _parameters.Length; i++)
            if (_parameters[i] is null) throw new ArgumentException($"ParameterGroup: parameter {i} is null.", nameof(parameters));
        if (learningRate is double lr) CheckNonNegative(lr, nameof(learningRate));
        if (weightDecay is double wd) CheckNonNegative(wd, nameof(weightDecay));
        if (momentum is double m) CheckNonNegative(m, nameof(momentum));
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _momentum = momentum;
        Name = name;
    }

    /// <summary>The parameters of the group.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Optional label.</summary>
    public string? Name { get; }

    /// <summary>The current learning rate (schedulers change it every step).</summary>
    /// <exception cref="InvalidOperationException">Read before the group was given to an optimiser and no value was set.</exception>
    public double LearningRate
    {
        get => _learningRate ?? throw Unresolved(nameof(LearningRate));
        set => _learningRate = CheckNonNegative(value, nameof(LearningRate));
    }

    /// <summary>The learning rate a scheduler started from (PyTorch's <c>initial_lr</c>); null until a scheduler is attached.</summary>
    public double? InitialLearningRate { get; set; }

    /// <summary>Weight decay (L2 added to the gradient for SGD; decoupled decay for AdamW).</summary>
    public double WeightDecay
    {
        get => _weightDecay ?? throw Unresolved(nameof(WeightDecay));
        set => _weightDecay = CheckNonNegative(value, nameof(WeightDecay));
    }

    /// <summary>Momentum factor (used by SGD).</summary>
    public double Momentum
    {
        get => _momentum ?? throw Unresolved(nameof(Momentum));
        set => _momentum = CheckNonNegative(value, nameof(Momentum));
    }

    internal void FillDefaults(double learningRate, double weightDecay, double momentum)
    {
        _learningRate ??= learningRate;
        _weightDecay ??= weightDecay;
        _momentum ??= momentum;
    }

    private static double CheckNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"ParameterGroup: {name} must be finite and non-negative.");

    private static InvalidOperationException Unresolved(string name) =>
        new($"ParameterGroup: {name} is not set and the group has not been added to an optimiser (which supplies defaults).");
}
