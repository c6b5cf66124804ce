using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Trainers.Methods;
using MLVideo.Transforms.FrameOps;
using MLVideo.Transforms.Synthetic;

namespace MLVideo.Estimators.Tests.Trainers;

/// <summary>
/// The claim of the temporal methods, shown through the whole ML.NET pipeline from real mp4 files: on classes that
/// differ only in the direction of time (left vs right, clockwise vs counter-clockwise), TSM and GSF learn the task
/// while TSN, which averages per-frame predictions, cannot tell the members of a pair apart.
/// </summary>
[TestClass]
public sealed class SyntheticVideoLearningTests
{
    private static readonly SyntheticAction[] Actions =
        [SyntheticAction.MoveLeft, SyntheticAction.MoveRight, SyntheticAction.RotateClockwise, SyntheticAction.RotateCounterClockwise];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DirectionClasses_FromMp4_TsmAndGsfLearnWhileTsnStaysNearChance()
    {
        string root = Directory.CreateTempSubdirectory("mlvideo-synthetic-learning-").FullName;
        try
        {
            var ml = new MLContext(seed: 1);
            SyntheticActionDataset.Generate(root, new SyntheticDatasetOptions
            {
                Actions = Actions, VideosPerClass = 80, FramesPerVideo = 24, Width = 32, Height = 32, Seed = 3,
            });
            var data = ml.Data.LoadFromVideoFolder(root);
            var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);
            var preprocessing = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.LoadVideo("Video", "VideoPath"))
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), testMode: true))
                .Append(ml.Transforms.CropFrames("Clip", 32, 32))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet))
                .Fit(split.TrainSet);
            // Decode each video once, on both cores, and keep the tensors for every epoch and every trainer.
            var train = ml.Data.Cache(ml.Data.Prefetch(preprocessing.Transform(split.TrainSet)));
            var test = ml.Data.Cache(ml.Data.Prefetch(preprocessing.Transform(split.TestSet)));
            var decoding = Stopwatch.StartNew();
            int videos = Decode(train) + Decode(test);
            TestContext.WriteLine($"decoded {videos} videos in {decoding.Elapsed.TotalSeconds:F0} s");

            var results = new Dictionary<string, (double Accuracy, double PairAccuracy)>();
            foreach (var (name, trainer) in new (string, VideoActionTrainer)[]
                     {
                         ("TSN", ml.MulticlassClassification.Trainers.Tsn(Options(new TsnTrainer.Options()))),
                         ("TSM", ml.MulticlassClassification.Trainers.Tsm(Options(new TsmTrainer.Options()))),
                         ("GSF", ml.MulticlassClassification.Trainers.Gsf(Options(new GsfTrainer.Options()))),
                     })
            {
                var clock = Stopwatch.StartNew();
                using var model = trainer.Fit(train);
                var scored = model.Transform(test);
                double accuracy = ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
                double pairAccuracy = AccuracyWithinPairs(scored);
                results[name] = (accuracy, pairAccuracy);
                TestContext.WriteLine($"| {name} | {accuracy:F3} | {pairAccuracy:F3} | {clock.Elapsed.TotalSeconds:F0} s |");
            }

            string table = string.Join("; ", results.Select(r => $"{r.Key} {r.Value.Accuracy:F3} (within pairs {r.Value.PairAccuracy:F3})"));
            // The temporal claim is the direction within a pair: TSM and GSF must get it right at least 95% of the time,
            // and be good overall (a few moving/rotating confusions are appearance, not time).
            Assert.IsTrue(results["TSM"].PairAccuracy >= 0.95, $"TSM must tell the directions of a pair apart (>= 0.95): {table}");
            Assert.IsTrue(results["GSF"].PairAccuracy >= 0.95, $"GSF must tell the directions of a pair apart (>= 0.95): {table}");
            Assert.IsTrue(results["TSM"].Accuracy >= 0.9, $"TSM must reach 90% test accuracy: {table}");
            Assert.IsTrue(results["GSF"].Accuracy >= 0.9, $"GSF must reach 90% test accuracy: {table}");
            // Chance within a pair is 0.5; TSN may still tell moving from rotating, so only the pair accuracy is near chance.
            Assert.IsTrue(results["TSN"].PairAccuracy <= 0.7, $"TSN must stay near chance between the two directions of a pair: {table}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static T Options<T>(T options) where T : VideoActionTrainer.Options
    {
        options.Backbone = VideoBackbone.ResNet18;
        options.WidthMultiplier = 0.25;
        options.NumSegments = 8;
        options.BatchSize = 8;
        options.MaxEpoch = 30;
        options.LearningRate = 0.01;
        options.WarmupEpochs = 1;
        options.WeightDecay = 1e-4;
        options.DropoutRatio = 0;
        options.Seed = 1;
        return options;
    }

    /// <summary>
    /// Among test videos whose prediction falls in the right pair (left/right or clockwise/counter-clockwise), the
    /// fraction that names the right member: what only temporal modelling can get above 0.5.
    /// </summary>
    private static double AccuracyWithinPairs(IDataView scored)
    {
        var names = KeyNames(scored, "PredictedLabel");
        var labels = scored.GetColumn<uint>("Label").ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        int inPair = 0, right = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int truth = Array.IndexOf(Actions, Enum.Parse<SyntheticAction>(names[(int)labels[i] - 1]));
            int guess = Array.IndexOf(Actions, Enum.Parse<SyntheticAction>(names[(int)predicted[i] - 1]));
            if (truth / 2 != guess / 2) continue;
            inPair++;
            if (truth == guess) right++;
        }
        Assert.IsTrue(inPair >= labels.Length / 2, $"only {inPair} of {labels.Length} predictions fall in the right pair");
        return (double)right / inPair;
    }

    /// <summary>Reads the clip column of every row once, which fills the cache.</summary>
    private static int Decode(IDataView data)
    {
        var features = data.Schema["Features"];
        using var cursor = data.GetRowCursor([features]);
        var getter = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> clip = default;
        int rows = 0;
        while (cursor.MoveNext())
        {
            getter(ref clip);
            rows++;
        }
        return rows;
    }

    private static string[] KeyNames(IDataView data, string column)
    {
        Microsoft.ML.Data.VBuffer<ReadOnlyMemory<char>> values = default;
        data.Schema[column].GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
