using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>The TSN-family trainers on <c>ml.MulticlassClassification.Trainers</c>.</summary>
public static class VideoTrainersCatalog
{
    /// <summary>Temporal Segment Network (per-frame backbone, average consensus).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip tensor column (ExtractFramePixels).</param>
    /// <param name="backbone">Per-frame backbone.</param>
    /// <param name="numSegments">Frames per clip.</param>
    /// <param name="maxEpoch">Epochs.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static TsnTrainer Tsn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label",
        string featureColumnName = "Features", Backbone backbone = Backbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Tsn(catalog, Fill(new TsnTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Temporal Segment Network with all options.</summary>
    public static TsnTrainer Tsn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TsnTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TsnTrainer(catalog.Context, options);
    }

    /// <summary>Temporal Shift Module (residual shift of 1/8 + 1/8 channels in every block).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip tensor column (ExtractFramePixels).</param>
    /// <param name="backbone">Per-frame backbone.</param>
    /// <param name="numSegments">Frames per clip.</param>
    /// <param name="maxEpoch">Epochs.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static TsmTrainer Tsm(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label",
        string featureColumnName = "Features", Backbone backbone = Backbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Tsm(catalog, Fill(new TsmTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Temporal Shift Module with all options.</summary>
    public static TsmTrainer Tsm(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TsmTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TsmTrainer(catalog.Context, options);
    }

    /// <summary>Gate-Shift-Fuse (a GSF unit in every residual block).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Clip tensor column (ExtractFramePixels).</param>
    /// <param name="backbone">Per-frame backbone (a ResNet).</param>
    /// <param name="numSegments">Frames per clip.</param>
    /// <param name="maxEpoch">Epochs.</param>
    /// <param name="batchSize">Clips per mini-batch.</param>
    /// <param name="learningRate">Base learning rate.</param>
    public static GsfTrainer Gsf(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label",
        string featureColumnName = "Features", Backbone backbone = Backbone.ResNet50, int numSegments = 8, int maxEpoch = 50, int batchSize = 8, double learningRate = 0.01) =>
        Gsf(catalog, Fill(new GsfTrainer.Options(), labelColumnName, featureColumnName, backbone, numSegments, maxEpoch, batchSize, learningRate));

    /// <summary>Gate-Shift-Fuse with all options.</summary>
    public static GsfTrainer Gsf(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, GsfTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GsfTrainer(catalog.Context, options);
    }

    private static T Fill<T>(T options, string label, string features, Backbone backbone, int segments, int maxEpoch, int batchSize, double learningRate)
        where T : VideoTrainerOptions
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
