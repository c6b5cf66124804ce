using MLVideo.Data;
using MLVideo.Trainers.Backbones;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Options shared by the TSN-family trainers (TSN, TSM, GSF). Names follow ML.NET (LabelColumnName,
/// FeatureColumnName, MaxEpoch, ...); defaults follow the official recipes (methods.md §0.3): SGD momentum 0.9,
/// biases at twice the learning rate without decay, BN without decay, gradient-norm clipping at 20, dropout 0.5.
/// </summary>
public abstract class VideoTrainerOptions
{
    /// <summary>Key-typed label column (from <c>MapValueToKey</c>). Default "Label".</summary>
    public string LabelColumnName { get; set; } = DefaultColumnNames.Label;

    /// <summary>Clip tensor column from <c>ExtractFramePixels</c> (layout views x T x C x H x W). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = DefaultColumnNames.Features;

    /// <summary>Output column of class probabilities. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = DefaultColumnNames.Score;

    /// <summary>Output key column of the predicted class. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = DefaultColumnNames.PredictedLabel;

    /// <summary>Per-frame backbone. Default ResNet-50 (as the papers).</summary>
    public Backbone Backbone { get; set; } = Backbone.ResNet50;

    /// <summary>Channel multiplier of the backbone (e.g. 0.25 for a tiny CPU model). Default 1.</summary>
    public double WidthMultiplier { get; set; } = 1.0;

    /// <summary>T, frames (segments) per clip; must equal the frames produced by <c>SampleFrames</c>. Default 8.</summary>
    public int NumSegments { get; set; } = 8;

    /// <summary>Clips per mini-batch. Default 8.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Number of passes over the training data. Default 50 (the official recipes).</summary>
    public int MaxEpoch { get; set; } = 50;

    /// <summary>Base learning rate (official: 0.01 per 64 clips, scaled linearly with the batch size). Default 0.01.</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>L2 weight decay of conv and linear weights. Default 5e-4 (TSM/GSF on Something-Something).</summary>
    public double WeightDecay { get; set; } = 5e-4;

    /// <summary>SGD momentum. Default 0.9.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Epochs of linear learning-rate warm-up (from 10% of the base rate). Default 0.</summary>
    public double WarmupEpochs { get; set; }

    /// <summary>Schedule after the warm-up. Default <see cref="LearningRateScheduleKind.Cosine"/>.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Cosine;

    /// <summary>Epochs at which <see cref="LearningRateScheduleKind.MultiStep"/> divides the rate by 10. Default 20 and 40.</summary>
    public int[] LearningRateSteps { get; set; } = [20, 40];

    /// <summary>Largest total gradient norm (0 disables clipping). Default 20 (official).</summary>
    public double GradientClipNorm { get; set; } = 20;

    /// <summary>Dropout before <c>new_fc</c>. Default 0.5.</summary>
    public float Dropout { get; set; } = 0.5f;

    /// <summary>Label smoothing of the cross-entropy. Default 0.</summary>
    public float LabelSmoothing { get; set; }

    /// <summary>Evaluated on its whole after every epoch; the best epoch's model is kept. Null: the last epoch's model.</summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Called with progress after every <see cref="ReportEveryNSteps"/> steps and at each epoch end.</summary>
    public Action<TrainingProgress>? MetricsCallback { get; set; }

    /// <summary>Steps between progress reports inside an epoch. Default 10.</summary>
    public int ReportEveryNSteps { get; set; } = 10;

    /// <summary>Folder where a checkpoint (model, optimiser, loop state) is written after every epoch. Null: none.</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>A checkpoint file (or a <see cref="CheckpointFolder"/>) to resume from: training continues at the next epoch.</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Weights to start from (safetensors with official names; <c>module.</c> is stripped; <c>new_fc</c> is skipped when its shape differs).</summary>
    public string? InitialWeightsPath { get; set; }

    /// <summary>Stops training at the next step; the best model so far is returned.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>How test views (clips x crops) of a row are combined. Default <see cref="ViewAveraging.Probabilities"/>.</summary>
    public ViewAveraging ViewAveraging { get; set; } = ViewAveraging.Probabilities;

    /// <summary>
    /// Keep the training clips in memory after the first epoch (fast; ~T*3*H*W*4 bytes per clip). False: read the
    /// pipeline again every epoch, so random sampling and crops differ per epoch (the papers' augmentation).
    /// Default true.
    /// </summary>
    public bool CacheClips { get; set; } = true;

    /// <summary>Seed of initialisation, shuffling and dropout. Null: drawn from the context.</summary>
    public int? Seed { get; set; }
}
