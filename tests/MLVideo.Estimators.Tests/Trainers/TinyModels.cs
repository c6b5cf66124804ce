using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;
using MLVideo.Trainers.Methods;

namespace MLVideo.Estimators.Tests.Trainers;

/// <summary>Small, fast trainer settings shared by the trainer tests (a ResNet-18 at 1/8 width on 16x16 clips).</summary>
public static class TinyModels
{
    public static T Options<T>(T options, int maxEpoch = 3) where T : VideoActionTrainer.Options
    {
        options.Backbone = VideoBackbone.ResNet18;
        options.WidthMultiplier = 0.125;
        options.NumSegments = MovingBlockClips.Frames;
        options.MaxEpoch = maxEpoch;
        options.BatchSize = 8;
        options.LearningRate = 0.01;
        options.DropoutRatio = 0;
        options.Seed = 1;
        options.NumberOfThreads = 2;
        return options;
    }

    /// <summary>MapValueToKey, then the trainer; the fitted chain and the data it was fitted on.</summary>
    public static (ITransformer Model, IDataView Data) Fit(MLContext ml, VideoActionTrainer trainer, int perClass = 12, int seed = 3)
    {
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(perClass, seed));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer);
        return (pipeline.Fit(data), data);
    }

    public static float[][] Scores(MLContext ml, ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        return ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score).ToArray();
    }

    public sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
