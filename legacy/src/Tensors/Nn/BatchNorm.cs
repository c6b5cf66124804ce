namespace MLVideo.Tensors.Nn;

/// <summary>
/// What BatchNorm1d/2d/3d share (PyTorch's <c>_BatchNorm</c>): the affine <c>weight</c> (1) and <c>bias</c> (0),
/// the buffers <c>running_mean</c> (0), <c>running_var</c> (1) and <c>num_batches_tracked</c> (0, a 0-d float here;
/// PyTorch stores int64), momentum and eps. Training normalises with batch statistics and updates the running
/// ones; evaluation uses the running statistics.
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly int[] _ranks;
    private readonly string _layouts;

    /// <summary>Registers parameters and buffers in PyTorch's order.</summary>
    /// <param name="numFeatures">Channels C (dimension 1 of the input).</param>
    /// <param name="eps">Added to the variance; default 1e-5.</param>
    /// <param name="momentum">Running-average factor; default 0.1. Null means a cumulative average (factor 1/num_batches_tracked).</param>
    /// <param name="affine">Whether the layer has <c>weight</c> and <c>bias</c>; default true.</param>
    /// <param name="trackRunningStats">Whether the layer has running statistics; default true. Without them batch statistics are used in both modes.</param>
    /// <param name="ranks">Accepted input ranks.</param>
    /// <param name="layouts">The accepted layouts, for error messages.</param>
    protected BatchNorm(int numFeatures, float eps, float? momentum, bool affine, bool trackRunningStats, int[] ranks, string layouts)
    {
        string name = GetType().Name;
        if (numFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{name}: numFeatures must be positive.");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{name}: eps must be positive.");
        if (momentum is float m && !(m >= 0 && m <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{name}: momentum must be in [0, 1].");
        _ranks = ranks;
        _layouts = layouts;
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0f));
        }
    }

    /// <summary>Channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Eps { get; }

    /// <summary>Running-average factor, or null for a cumulative average.</summary>
    public float? Momentum { get; }

    /// <summary>The <c>weight</c> (gamma) parameter [C], or null when not affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>The <c>bias</c> (beta) parameter [C], or null when not affine.</summary>
    public Tensor? Bias { get; }

    /// <summary>The <c>running_mean</c> buffer [C], or null when not tracking.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The <c>running_var</c> buffer [C] (unbiased batch variances averaged), or null when not tracking.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>The <c>num_batches_tracked</c> buffer (0-d, float32), or null when not tracking.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running statistics to mean 0, variance 1 and zero batches.</summary>
    public void ResetRunningStats()
    {
        RunningMean?.Data.Fill(0f);
        RunningVar?.Data.Fill(1f);
        NumBatchesTracked?.Data.Fill(0f);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={FormatNumber(Eps)}, momentum={(Momentum is float m ? FormatNumber(m) : "None")}, affine={FormatBool(Weight is not null)}, track_running_stats={FormatBool(RunningMean is not null)}";

    /// <summary>A checkpoint without <c>num_batches_tracked</c> loads with the counter at 0, as in PyTorch.</summary>
    protected override bool HasDefaultWhenMissing(string name) => name == "num_batches_tracked";

    /// <summary>Sets <c>num_batches_tracked</c> to 0.</summary>
    protected override void SetDefaultWhenMissing(string name, Tensor tensor) => tensor.Data.Fill(0f);

    /// <summary>Normalises per channel (dimension 1); in training also updates the running statistics in place.</summary>
    /// <exception cref="ShapeMismatchException">The input rank is not accepted or its channel count differs.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Array.IndexOf(_ranks, input.Rank) < 0)
            throw new ShapeMismatchException($"{GetType().Name}: expected a {_layouts} input, got {ShapeHelper.Format(input.Shape)}.");
        if (input.Size(1) != NumFeatures)
            throw new ShapeMismatchException($"{GetType().Name}: input {ShapeHelper.Format(input.Shape)} has {input.Size(1)} channels but the layer has {NumFeatures}.");

        float factor = 0f;
        if (IsTraining && NumBatchesTracked is not null)
        {
            NumBatchesTracked.Data[0] += 1f;
            factor = Momentum ?? 1f / NumBatchesTracked.Data[0];
        }
        // Without running statistics the batch ones are used even in eval mode, as in PyTorch.
        bool useBatchStatistics = IsTraining || RunningMean is null;
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStatistics, factor, Eps);
    }
}
