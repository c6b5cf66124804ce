using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>The video action trainers on <c>ml.MulticlassClassification.Trainers</c>.</summary>
public static class VideoTrainersCatalog
{
    /// <summary>Any video action method, picked by <see cref="VideoActionTrainer.Options.Method"/>.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">All options.</param>
    public static VideoActionTrainer VideoAction(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, VideoActionTrainer.Options options) =>
        new(Context(catalog), options);

    /// <summary>Temporal Segment Networks: a 2D backbone per frame, average consensus (the baseline).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip column from ExtractFramePixels, <c>Vector&lt;Single, [V,] T, C, H, W&gt;</c>.</param>
    /// <param name="backbone">Per-frame backbone.</param>
    /// <param name="numSegments">T, frames per clip.</param>
    /// <param name="maxEpoch">Passes over the training data.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static TsnTrainer Tsn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features",
        VideoBackbone backbone = VideoBackbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Tsn(catalog, Fill(new TsnTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Temporal Segment Networks with all options.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">All options.</param>
    public static TsnTrainer Tsn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TsnTrainer.Options options) =>
        new(Context(catalog), options);

    /// <summary>Temporal Shift Module: 1/8 + 1/8 of the channels shift in time inside every residual branch.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip column from ExtractFramePixels, <c>Vector&lt;Single, [V,] T, C, H, W&gt;</c>.</param>
    /// <param name="backbone">Per-frame backbone.</param>
    /// <param name="numSegments">T, frames per clip.</param>
    /// <param name="maxEpoch">Passes over the training data.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static TsmTrainer Tsm(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features",
        VideoBackbone backbone = VideoBackbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Tsm(catalog, Fill(new TsmTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Temporal Shift Module with all options.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">All options.</param>
    public static TsmTrainer Tsm(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TsmTrainer.Options options) =>
        new(Context(catalog), options);

    /// <summary>Gate-Shift-Fuse: a gated shift and fusion unit in every residual block.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip column from ExtractFramePixels, <c>Vector&lt;Single, [V,] T, C, H, W&gt;</c>.</param>
    /// <param name="backbone">Per-frame backbone (a ResNet).</param>
    /// <param name="numSegments">T, frames per clip.</param>
    /// <param name="maxEpoch">Passes over the training data.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static GsfTrainer Gsf(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features",
        VideoBackbone backbone = VideoBackbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Gsf(catalog, Fill(new GsfTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Gate-Shift-Fuse with all options.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">All options.</param>
    public static GsfTrainer Gsf(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, GsfTrainer.Options options) =>
        new(Context(catalog), options);

    private static Microsoft.ML.Runtime.IHostEnvironment Context(MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // The catalog keeps its environment internal (ML.NET's own trainers read it the same way, through the seam).
        return ((IInternalCatalog)catalog).GetEnvironment();
    }

    private static T Fill<T>(T options, string label, string features, VideoBackbone backbone, int segments, int maxEpoch, int batchSize, double learningRate)
        where T : VideoActionTrainer.Options
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.Backbone = backbone;
        options.NumSegments = segments;
        options.MaxEpoch = maxEpoch;
        options.BatchSize = batchSize;
        options.LearningRate = learningRate;
        return options;
    }
}
