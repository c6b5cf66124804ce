using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter, ICLR 2019), with PyTorch's exact update
/// (<c>torch.optim.AdamW</c>, amsgrad off): at step t, p *= 1 - lr wd; m = b1 m + (1 - b1) g;
/// v = b2 v + (1 - b2) g^2; p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
/// <remarks>Per-group settings: learning rate and weight decay. Betas and eps apply to all groups.</remarks>
public sealed class AdamW : Optimizer
{
    private static readonly string[] BufferNames = ["exp_avg", "exp_avg_sq"];

    /// <summary>Optimises <paramref name="parameters"/> as one group.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">Learning rate; default 1e-3.</param>
    /// <param name="beta1">Decay of the first moment; default 0.9.</param>
    /// <param name="beta2">Decay of the second moment; default 0.999.</param>
    /// <param name="eps">Added to the denominator; default 1e-8.</param>
    /// <param name="weightDecay">Decoupled weight decay; default 1e-2 (PyTorch's).</param>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
        : this([new ParameterGroup(parameters)], learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>Optimises parameter groups; learning rate and weight decay are defaults for groups that leave them unset.</summary>
    /// <param name="groups">The parameter groups.</param>
    /// <param name="learningRate">Default learning rate; default 1e-3.</param>
    /// <param name="beta1">Decay of the first moment; default 0.9.</param>
    /// <param name="beta2">Decay of the second moment; default 0.999.</param>
    /// <param name="eps">Added to the denominator; default 1e-8.</param>
    /// <param name="weightDecay">Default decoupled weight decay; default 1e-2.</param>
    public AdamW(IEnumerable<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
        : base(groups, learningRate, weightDecay, 0)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "AdamW: beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "AdamW: beta2 must be in [0, 1).");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "AdamW: eps must be non-negative.");
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Eps { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => BufferNames;

    internal override void Update(ParameterGroup group, Tensor parameter, Tensor grad, ParameterState state)
    {
        var expAvg = state.GetOrCreate("exp_avg", parameter, out _);
        var expAvgSq = state.GetOrCreate("exp_avg_sq", parameter, out _);
        double lr = group.LearningRate;
        // As in PyTorch, the scalars are Python floats (double) rounded once to float32 by the tensor ops.
        double biasCorrection1 = 1 - Math.Pow(Beta1, state.Step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, state.Step);
        var settings = new AdamWSettings(
            Decay: (float)(1 - lr * group.WeightDecay),
            Beta1: (float)Beta1, OneMinusBeta1: (float)(1 - Beta1),
            Beta2: (float)Beta2, OneMinusBeta2: (float)(1 - Beta2),
            StepSize: (float)(lr / biasCorrection1),
            BiasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
            Eps: (float)Eps);
        OptimizerKernels.AdamWParallel(parameter.RawArray, grad.RawArray, expAvg.RawArray, expAvgSq.RawArray, parameter.Count, settings);
    }
}
