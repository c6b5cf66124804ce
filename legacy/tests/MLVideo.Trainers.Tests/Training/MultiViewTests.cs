using MLVideo.Data;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>
/// The multi-view test protocol (clips x crops inside one row): Transform and the prediction engine combine the
/// views as the model's options say, and the protocol is reported with the scores.
/// </summary>
[TestClass]
public sealed class MultiViewTests
{
    private const int Views = 3;

    public sealed class ThreeViewRow
    {
        [VectorType(Views, MovingBlockData.Frames, 3, MovingBlockData.Size, MovingBlockData.Size)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }

    public sealed class ScoreOutput
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    [DataRow(ViewAveraging.Probabilities)]
    [DataRow(ViewAveraging.Logits)]
    public void Transform_ThreeViewRows_CombinesTheViewsAsConfigured(ViewAveraging averaging)
    {
        var ml = new MLVideoContext(seed: 1);
        var options = new TsmTrainer.Options
        {
            Backbone = Backbone.ResNet18, WidthMultiplier = 0.125, NumSegments = MovingBlockData.Frames, BatchSize = 4,
            MaxEpoch = 8, LearningRate = 0.02, Dropout = 0, Seed = 7, ReportEveryNSteps = 1000, ViewAveraging = averaging,
        };
        var model = ml.MulticlassClassification.Trainers.Tsm(options).Fit(MovingBlockData.Load(ml, 48, seed: 1));

        // Rows of one view each, scored alone; then the same clips three to a row.
        var single = MovingBlockData.Create(4 * Views, seed: 9);
        var singleScores = model.Transform(ml.Data.LoadFromEnumerable(single)).GetColumn<VBuffer<float>>("Score")
            .Select(v => v.GetValues().ToArray()).ToArray();
        var rows = Enumerable.Range(0, 4).Select(r => new ThreeViewRow
        {
            Features = Enumerable.Range(0, Views).SelectMany(v => single[r * Views + v].Features).ToArray(),
            Label = single[r * Views].Label,
        }).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var combined = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.GetValues().ToArray()).ToArray();

        // The two averaging rules must give measurably different answers here, or this test could not tell them apart.
        double largestGap = Enumerable.Range(0, rows.Count).Max(r =>
        {
            var views = Enumerable.Range(0, Views).Select(v => singleScores[r * Views + v]).ToArray();
            return MeanOfProbabilities(views).Zip(SoftmaxOfMeanLogProbabilities(views), (a, b) => Math.Abs(a - b)).Max();
        });
        Assert.IsTrue(largestGap > 1e-3, $"probability and logit averaging differ by only {largestGap:G3} on these rows");

        using var engine = ml.Model.CreatePredictionEngine<ThreeViewRow, ScoreOutput>(model);
        for (int r = 0; r < rows.Count; r++)
        {
            var views = Enumerable.Range(0, Views).Select(v => singleScores[r * Views + v]).ToArray();
            float[] expected = averaging == ViewAveraging.Probabilities ? MeanOfProbabilities(views) : SoftmaxOfMeanLogProbabilities(views);
            for (int c = 0; c < expected.Length; c++)
                Assert.AreEqual(expected[c], combined[r][c], 1e-5f, $"row {r}, class {c}: Transform");
            CollectionAssert.AreEqual(combined[r], engine.Predict(rows[r]).Score, $"row {r}: the prediction engine gives Transform's scores");
        }
        var metrics = ml.MulticlassClassification.Evaluate(ml.Transforms.Conversion.MapValueToKey("Label").Fit(scored).Transform(scored));
        StringAssert.Contains(metrics.TestProtocol, $"{Views} view(s)");
        Assert.AreEqual(Views * ml.MulticlassClassification.Evaluate(model.Transform(MovingBlockData.Load(ml, 4, seed: 9))).GflopsPerVideo!.Value,
            metrics.GflopsPerVideo!.Value, 1e-9, "GFLOPs per video count every view");
    }

    private static float[] MeanOfProbabilities(float[][] views) =>
        Enumerable.Range(0, views[0].Length).Select(c => views.Average(v => v[c])).ToArray();

    // Logits and log-probabilities differ by one constant per view, which softmax removes after averaging.
    private static float[] SoftmaxOfMeanLogProbabilities(float[][] views)
    {
        double[] mean = Enumerable.Range(0, views[0].Length).Select(c => views.Average(v => Math.Log(v[c]))).ToArray();
        double max = mean.Max();
        double sum = mean.Sum(m => Math.Exp(m - max));
        return mean.Select(m => (float)(Math.Exp(m - max) / sum)).ToArray();
    }
}
