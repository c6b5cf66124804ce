using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Estimators.Tests.Support;

namespace MLVideo.Estimators.Tests.Trainers;

/// <summary>
/// The multi-view test protocol: a row holding V views (clips x crops) is scored by running every view and combining
/// them (probability or logit averaging); GFLOPs per video count every view; the protocol is reported.
/// </summary>
[TestClass]
public sealed class MultiViewTests
{
    private const int Views = 3;

    [TestMethod]
    public void Transform_ThreeViewsPerRow_ScoreIsTheMeanOfViewProbabilities()
    {
        var ml = new MLContext(seed: 1);
        using var model = TrainTsm(ml, ViewAveraging.Probabilities);
        var rows = MultiViewRows(ml, seed: 5);
        foreach (var r in Score(ml, model, rows))
        {
            for (int k = 0; k < 2; k++)
            {
                double mean = Enumerable.Range(0, Views).Average(v => r.ViewScores[v * 2 + k]);
                Assert.AreEqual(mean, r.Score[k], 1e-6, "probability averaging: Score = mean over views of each view's softmax");
            }
        }
    }

    [TestMethod]
    public void Transform_LogitAveraging_DiffersFromProbabilityAveraging()
    {
        var ml = new MLContext(seed: 1);
        using var byProbability = TrainTsm(ml, ViewAveraging.Probabilities);
        // Sharpen the classifier so views disagree with confidence (near 0.5 the two rules agree to first order),
        // then give the same network a second transformer that averages logits.
        using (TorchSharp.torch.no_grad()) byProbability.Network.Module.Classifier.weight!.mul_(8);
        var byLogit = new VideoActionTransformer(ml, byProbability.Description with { ViewAveraging = ViewAveraging.Logits }, byProbability.Network, null);
        var rows = MultiViewRows(ml, seed: 5);
        var p = Score(ml, byProbability, rows);
        var l = Score(ml, byLogit, rows);
        CollectionAssert.AreEqual(p[0].ViewScores, l[0].ViewScores, "the two transformers share one network");
        double largest = p.Zip(l, (a, b) => Math.Abs(a.Score[0] - b.Score[0])).Max();
        Assert.IsTrue(largest > 1e-3, $"logit averaging must differ from probability averaging on some row (largest gap {largest:G3})");
        foreach (var r in l)
        {
            // softmax(mean of logits): its log-ratio is the mean of the views' log-ratios.
            double meanLogRatio = Enumerable.Range(0, Views).Average(v => Math.Log(r.ViewScores[v * 2] / r.ViewScores[v * 2 + 1]));
            Assert.AreEqual(meanLogRatio, Math.Log(r.Score[0] / r.Score[1]), 1e-3);
        }
        foreach (var r in p)
            Assert.AreEqual(Enumerable.Range(0, Views).Average(v => r.ViewScores[v * 2]), r.Score[0], 1e-6);
    }

    [TestMethod]
    public void EvaluateVideo_ThreeViews_CountsEveryViewAndReportsProtocol()
    {
        var ml = new MLContext(seed: 1);
        using var model = TrainTsm(ml, ViewAveraging.Probabilities);
        var data = MultiViewRows(ml, seed: 5);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var metrics = ml.MulticlassClassification.EvaluateVideo(model.Transform(keyed), topKPredictionCount: 1);

        var geometry = new ClipGeometry(Views, MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size);
        double perView = model.GigaMacsPerView(geometry);
        Assert.IsTrue(perView > 0);
        Assert.AreEqual(Views * perView, metrics.GflopsPerVideo, 1e-9, "GFLOPs per video count all three views");
        Assert.AreEqual(12, metrics.Videos);
        Assert.IsTrue(metrics.MillisecondsPerVideo > 0, $"measured {metrics.MillisecondsPerVideo} ms per video");
        StringAssert.StartsWith(metrics.TestProtocol, "3 view(s) x 4 frames, 16x16, probability averaging");
        Assert.IsTrue(metrics.ClipAccuracy is >= 0 and <= 1, $"clip accuracy {metrics.ClipAccuracy}");
        Assert.AreEqual(metrics.Metrics.MacroAccuracy, metrics.MeanClassAccuracy);
    }

    private static VideoActionTransformer TrainTsm(MLContext ml, ViewAveraging averaging)
    {
        var options = TinyModels.Options(new TsmTrainer.Options(), maxEpoch: 6);
        options.ViewAveraging = averaging;
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(8, seed: 3));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        return ml.MulticlassClassification.Trainers.Tsm(options).Fit(keyed);
    }

    /// <summary>
    /// Rows whose clip column holds three single-view clips, typed (V, T, C, H, W): two of the row's direction and
    /// one of the other, so the views disagree and the two ways of combining them give visibly different scores.
    /// </summary>
    private static IDataView MultiViewRows(MLContext ml, int seed)
    {
        var singles = MovingBlockClips.Make(12, seed);
        var right = singles.Where(r => r.Label == "MoveRight").ToArray();
        var left = singles.Where(r => r.Label == "MoveLeft").ToArray();
        var rows = new List<MovingBlockClips.Row>();
        for (int i = 0; i < 6; i++)
        {
            rows.Add(new MovingBlockClips.Row { Label = "MoveRight", Features = [.. right[2 * i].Features, .. left[2 * i].Features, .. right[2 * i + 1].Features] });
            rows.Add(new MovingBlockClips.Row { Label = "MoveLeft", Features = [.. left[2 * i + 1].Features, .. right[(2 * i + 3) % 12].Features, .. left[(2 * i + 3) % 12].Features] });
        }
        var schema = SchemaDefinition.Create(typeof(MovingBlockClips.Row));
        schema[nameof(MovingBlockClips.Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single,
            Views, MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static List<ScoredRow> Score(MLContext ml, ITransformer model, IDataView data) =>
        ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), reuseRowObject: false).ToList();

    public sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];
        public float[] ViewScores { get; set; } = [];
    }
}
