using Microsoft.ML;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Training;

namespace MLVideo;

public partial class VideoActionTrainer
{
    /// <summary>
    /// Options of the video action trainers (<see cref="VideoActionTrainer"/> and the per-method TSN, TSM and GSF
    /// trainers). Names follow ML.NET (LabelColumnName, FeatureColumnName, MaxEpoch, BatchSize, LearningRate ...);
    /// defaults follow the official recipes (methods.md §0.3): SGD with momentum 0.9, the official parameter groups
    /// (fc at 5x/10x, no decay on BatchNorm and biases), gradient-norm clipping at 20, dropout 0.5.
    /// </summary>
    public class Options
{
        /// <summary>The method: TSN, TSM or GSF (later issues add SGS, AdaFuse, SFC, SDCOM). Default <see cref="VideoMethod.Tsn"/>.</summary>
        public VideoMethod Method { get; set; } = VideoMethod.Tsn;

        /// <summary>Key-typed label column (from <c>MapValueToKey</c>). Default "Label".</summary>
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>Clip tensor column from <c>ExtractFramePixels</c>: <c>Vector&lt;Single, [V,] T, C, H, W&gt;</c>. Default "Features".</summary>
        public string FeatureColumnName { get; set; } = "Features";

        /// <summary>Output column of class probabilities. Default "Score".</summary>
        public string ScoreColumnName { get; set; } = "Score";

        /// <summary>Output key column of the predicted class. Default "PredictedLabel".</summary>
        public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

        /// <summary>Per-frame (2D) or clip (3D) backbone. Default ResNet-50, as the papers.</summary>
        public VideoBackbone Backbone { get; set; } = VideoBackbone.ResNet50;

        /// <summary>Channel multiplier of the backbone (e.g. 0.25 for a small CPU model). Default 1.</summary>
        public double WidthMultiplier { get; set; } = 1.0;

        /// <summary>T, frames (segments) per clip; must equal the frames produced by <c>SampleFrames</c>. Default 8.</summary>
        public int NumSegments { get; set; } = 8;

        /// <summary>Clips per mini-batch. Default 8.</summary>
        public int BatchSize { get; set; } = 8;

        /// <summary>Number of passes over the training data. Default 50 (the official recipes).</summary>
        public int MaxEpoch { get; set; } = 50;

        /// <summary>Base learning rate (official: 0.01 per 64 clips, scaled linearly with the batch size). Default 0.01.</summary>
        public double LearningRate { get; set; } = 0.01;

        /// <summary>The optimiser. Default SGD with momentum.</summary>
        public OptimizerKind Optimizer { get; set; } = OptimizerKind.Sgd;

        /// <summary>L2 weight decay of conv and linear weights. Default 5e-4 (TSM/GSF on Something-Something).</summary>
        public double WeightDecay { get; set; } = 5e-4;

        /// <summary>SGD momentum. Default 0.9.</summary>
        public double Momentum { get; set; } = 0.9;

        /// <summary>Epochs of linear learning-rate warm-up. Default 0.</summary>
        public double WarmupEpochs { get; set; }

        /// <summary>Schedule after the warm-up. Default cosine.</summary>
        public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Cosine;

        /// <summary>Epochs at which a step schedule divides the rate by 10. Default 20 and 40.</summary>
        public int[] LearningRateMilestones { get; set; } = [20, 40];

        /// <summary>Largest total gradient norm (0 disables clipping). Default 20 (official).</summary>
        public double GradientClipNorm { get; set; } = 20;

        /// <summary>Dropout before the classification layer. Default 0.5.</summary>
        public double DropoutRatio { get; set; } = 0.5;

        /// <summary>Label smoothing of the cross-entropy. Default 0.</summary>
        public double LabelSmoothing { get; set; }

        /// <summary>TSM: 1/ShiftDiv of the channels shift each way. Default 8.</summary>
        public int ShiftDiv { get; set; } = 8;

        /// <summary>GSF: percentage of channels that go through the gate (gsf_ch_ratio). Default 100.</summary>
        public double GsfChannelRatio { get; set; } = 100;

        /// <summary>Evaluated on its whole after every epoch; the best epoch's model is kept. Null: the last epoch's model.</summary>
        public IDataView? ValidationSet { get; set; }

        /// <summary>Called with progress (epoch, step, loss, lr, accuracy, clips/s, ETA) during training.</summary>
        public Action<TrainingProgress>? MetricsCallback { get; set; }

        /// <summary>Folder where a checkpoint (model, optimiser, loop state) is written after every epoch. Null: none.</summary>
        public string? CheckpointFolder { get; set; }

        /// <summary>A checkpoint file or folder to resume from: training continues after its last epoch.</summary>
        public string? ResumeFrom { get; set; }

        /// <summary>Weights to start from: safetensors or a PyTorch .pt state dict with the official key names
        /// (<c>module.</c> and <c>base_model.</c> are stripped; the classification layer is skipped when its shape differs).</summary>
        public string? InitialWeightsPath { get; set; }

        /// <summary>Stops training at the next step; the best model so far is returned.</summary>
        public CancellationToken CancellationToken { get; set; }

        /// <summary>How test views (clips x crops) of a row are combined. Default probability averaging.</summary>
        public ViewAveraging ViewAveraging { get; set; } = ViewAveraging.Probabilities;

        /// <summary>
        /// Keep the training clips in memory after the first pass (fast; T*C*H*W*4 bytes per clip). False: read the
        /// pipeline again every epoch, so random sampling and crops differ per epoch. Default true.
        /// </summary>
        public bool CacheClips { get; set; } = true;

        /// <summary>
        /// The device to train on: "cpu", "cuda" or "cuda:N" (CUDA needs the CUDA runtime package, see the README).
        /// Default null: "cuda" when <c>torch.cuda.is_available()</c>, else "cpu".
        /// </summary>
        public string? Device { get; set; }

        /// <summary>Threads of the native tensor library during training; 0 = all cores. Default 0.</summary>
        public int NumberOfThreads { get; set; }

        /// <summary>Seed of initialisation, shuffling and dropout. Null: drawn from the MLContext's seed.</summary>
        public int? Seed { get; set; }
    }
}
