using TorchSharp;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Settings of <see cref="VideoTrainingLoop"/>. Names follow ML.NET (MaxEpoch, BatchSize, LearningRate, ...); defaults
/// follow the official TSN/TSM/GSF recipes (methods.md §0.3): SGD with momentum 0.9, the official parameter groups,
/// gradient-norm clipping at 20. Every default is in <see cref="Defaults"/>.
/// </summary>
public sealed class TrainingOptions
{
    /// <summary>The default of every option.</summary>
    public static class Defaults
    {
        /// <summary>Default of <see cref="MaxEpoch"/>: 50 (the official recipes).</summary>
        public const int MaxEpoch = 50;

        /// <summary>Default of <see cref="BatchSize"/>: 8.</summary>
        public const int BatchSize = 8;

        /// <summary>Default of <see cref="LearningRate"/>: 0.01 (official: 0.01 per 64 clips, scaled with the batch).</summary>
        public const double LearningRate = 0.01;

        /// <summary>Default of <see cref="Optimizer"/>: SGD.</summary>
        public const OptimizerKind Optimizer = OptimizerKind.Sgd;

        /// <summary>Default of <see cref="Momentum"/>: 0.9.</summary>
        public const double Momentum = 0.9;

        /// <summary>Default of <see cref="WeightDecay"/>: 5e-4 (TSM/GSF on Something-Something).</summary>
        public const double WeightDecay = 5e-4;

        /// <summary>Default of <see cref="AdamBeta1"/>: 0.9.</summary>
        public const double AdamBeta1 = 0.9;

        /// <summary>Default of <see cref="AdamBeta2"/>: 0.999.</summary>
        public const double AdamBeta2 = 0.999;

        /// <summary>Default of <see cref="AdamEpsilon"/>: 1e-8.</summary>
        public const double AdamEpsilon = 1e-8;

        /// <summary>Default of <see cref="LearningRateSchedule"/>: cosine.</summary>
        public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.Cosine;

        /// <summary>Default of <see cref="LearningRateDecay"/>: 0.1.</summary>
        public const double LearningRateDecay = 0.1;

        /// <summary>Default of <see cref="GradientClipNorm"/>: 20 (official).</summary>
        public const double GradientClipNorm = 20;

        /// <summary>Default of <see cref="ReportEveryNSteps"/>: 10.</summary>
        public const int ReportEveryNSteps = 10;

        /// <summary>Default of <see cref="PrefetchBatches"/>: 2.</summary>
        public const int PrefetchBatches = 2;

        /// <summary>Default of <see cref="LearningRateMilestones"/>: epochs 20 and 40 (of 50).</summary>
        public static int[] LearningRateMilestones => [20, 40];
    }

    /// <summary>Passes over the training data. Default 50.</summary>
    public int MaxEpoch { get; set; } = Defaults.MaxEpoch;

    /// <summary>Clips per optimiser step. Default 8.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>Base learning rate; each parameter group scales it by its multiplier. Default 0.01.</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>The optimiser. Default <see cref="OptimizerKind.Sgd"/>.</summary>
    public OptimizerKind Optimizer { get; set; } = Defaults.Optimizer;

    /// <summary>SGD momentum. Default 0.9.</summary>
    public double Momentum { get; set; } = Defaults.Momentum;

    /// <summary>SGD with Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Weight decay of the groups that decay (L2 for SGD, decoupled for AdamW). Default 5e-4.</summary>
    public double WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>AdamW's first-moment decay. Default 0.9.</summary>
    public double AdamBeta1 { get; set; } = Defaults.AdamBeta1;

    /// <summary>AdamW's second-moment decay. Default 0.999.</summary>
    public double AdamBeta2 { get; set; } = Defaults.AdamBeta2;

    /// <summary>AdamW's denominator term. Default 1e-8.</summary>
    public double AdamEpsilon { get; set; } = Defaults.AdamEpsilon;

    /// <summary>How parameters are grouped for per-group learning rates and decay. Default <see cref="ParameterGrouping.Official"/>.</summary>
    public ParameterGrouping ParameterGrouping { get; set; } = ParameterGrouping.Official;

    /// <summary>
    /// Under the official grouping, linear layers (the new classifier) learn at x5 (weights) and x10 (biases), as the
    /// official code does unless it fine-tunes a model already trained on the same dataset. Default true.
    /// </summary>
    public bool BoostClassifierLearningRate { get; set; } = true;

    /// <summary>Epochs of linear learning-rate warm-up from 10% of the rate, per iteration (fractions allowed). Default 0.</summary>
    public double WarmupEpochs { get; set; }

    /// <summary>Schedule after the warm-up. Default <see cref="LearningRateScheduleKind.Cosine"/>.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = Defaults.LearningRateSchedule;

    /// <summary>Epochs at which <see cref="LearningRateScheduleKind.MultiStep"/> multiplies the rate by <see cref="LearningRateDecay"/>. Default 20 and 40.</summary>
    public int[] LearningRateMilestones { get; set; } = Defaults.LearningRateMilestones;

    /// <summary>Factor of <see cref="LearningRateScheduleKind.MultiStep"/> at each milestone. Default 0.1.</summary>
    public double LearningRateDecay { get; set; } = Defaults.LearningRateDecay;

    /// <summary>Largest global gradient norm, over all parameters together (0 disables clipping). Default 20.</summary>
    public double GradientClipNorm { get; set; } = Defaults.GradientClipNorm;

    /// <summary>Label smoothing of the cross-entropy, in [0, 1). Default 0.</summary>
    public double LabelSmoothing { get; set; }

    /// <summary>Where the model and the batches live. Default the CPU.</summary>
    public torch.Device Device { get; set; } = torch.CPU;

    /// <summary>
    /// Threads of libtorch's CPU kernels (<c>torch.set_num_threads</c>, process-wide). Null: every core. Default null.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>
    /// Seed of the shuffling and of torch's generator (dropout), drawn again from it at every epoch so a resumed run
    /// repeats the same epochs. Null: a random seed, recorded in the checkpoint. Default null.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>Evaluated on its whole after every epoch (in data order). Null: no validation. Default null.</summary>
    public IClipBatchSource? ValidationSet { get; set; }

    /// <summary>
    /// Consecutive validation clips that are views of one video (clips x crops, flattened by the caller in that
    /// order); their predictions are combined into one per video before counting accuracy. Default 1.
    /// </summary>
    public int ValidationViews { get; set; } = 1;

    /// <summary>
    /// How <see cref="ValidationViews"/> are combined: true averages softmax probabilities (TSM <c>--softmax</c>,
    /// mmaction2 'prob'), false averages raw logits (GSF, mmaction2 'score'). Default true.
    /// </summary>
    public bool AverageViewProbabilities { get; set; } = true;

    /// <summary>
    /// Return the weights of the epoch with the best validation accuracy (the first of equals) rather than the last
    /// epoch's. Only with a <see cref="ValidationSet"/>. Default true.
    /// </summary>
    public bool KeepBestModel { get; set; } = true;

    /// <summary>Folder where a checkpoint (<see cref="TrainingCheckpoint.FileName"/>) is written after every epoch. Null: none.</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>A checkpoint file, or a folder holding one, to resume from: training continues after its last epoch. Default null.</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Stops training before the next step; the model of the best (or last completed) epoch so far is returned.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Called with progress every <see cref="ReportEveryNSteps"/> steps and at each epoch end, on the training thread.</summary>
    public Action<TrainingProgress>? MetricsCallback { get; set; }

    /// <summary>Receives log lines: progress (as <see cref="TrainingProgress.ToString"/>), resume and cancellation notes.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Steps between progress reports inside an epoch. Default 10.</summary>
    public int ReportEveryNSteps { get; set; } = Defaults.ReportEveryNSteps;

    /// <summary>Batches decoded ahead of the training step on a background thread (0: decode on the training thread). Default 2.</summary>
    public int PrefetchBatches { get; set; } = Defaults.PrefetchBatches;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Positive(MaxEpoch, nameof(MaxEpoch));
        Positive(BatchSize, nameof(BatchSize));
        Positive(ReportEveryNSteps, nameof(ReportEveryNSteps));
        Positive(ValidationViews, nameof(ValidationViews));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) Throw(LearningRate, nameof(LearningRate), "must be positive");
        if (!Enum.IsDefined(Optimizer)) Throw(Optimizer, nameof(Optimizer), "is not a known optimiser");
        if (!Enum.IsDefined(ParameterGrouping)) Throw(ParameterGrouping, nameof(ParameterGrouping), "is not a known grouping");
        if (!Enum.IsDefined(LearningRateSchedule)) Throw(LearningRateSchedule, nameof(LearningRateSchedule), "is not a known schedule");
        if (!(Momentum >= 0 && Momentum < 1)) Throw(Momentum, nameof(Momentum), "must be in [0, 1)");
        if (Nesterov && Momentum == 0) Throw(Momentum, nameof(Momentum), "must be positive with Nesterov");
        if (!(WeightDecay >= 0)) Throw(WeightDecay, nameof(WeightDecay), "cannot be negative");
        if (!(AdamBeta1 >= 0 && AdamBeta1 < 1)) Throw(AdamBeta1, nameof(AdamBeta1), "must be in [0, 1)");
        if (!(AdamBeta2 >= 0 && AdamBeta2 < 1)) Throw(AdamBeta2, nameof(AdamBeta2), "must be in [0, 1)");
        if (!(AdamEpsilon > 0)) Throw(AdamEpsilon, nameof(AdamEpsilon), "must be positive");
        if (!(WarmupEpochs >= 0)) Throw(WarmupEpochs, nameof(WarmupEpochs), "cannot be negative");
        if (!(LearningRateDecay >= 0)) Throw(LearningRateDecay, nameof(LearningRateDecay), "cannot be negative");
        if (LearningRateMilestones is null || LearningRateMilestones.Any(m => m < 0)) Throw(LearningRateMilestones, nameof(LearningRateMilestones), "must be non-negative epochs");
        if (!(GradientClipNorm >= 0)) Throw(GradientClipNorm, nameof(GradientClipNorm), "cannot be negative (0 disables clipping)");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) Throw(LabelSmoothing, nameof(LabelSmoothing), "must be in [0, 1)");
        if (NumberOfThreads is int threads && threads <= 0) Throw(threads, nameof(NumberOfThreads), "must be positive (null: every core)");
        if (PrefetchBatches < 0) Throw(PrefetchBatches, nameof(PrefetchBatches), "cannot be negative");
        ArgumentNullException.ThrowIfNull(Device, nameof(Device));
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) Throw(value, name, "must be positive");
    }

    private static void Throw(object? value, string name, string rule) =>
        throw new ArgumentOutOfRangeException(name, value, $"TrainingOptions.{name} {rule}.");
}
