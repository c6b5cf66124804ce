using MLVideo.Data;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class VideoTrainerTests
{
    private static T TinyOptions<T>(int maxEpoch = 3) where T : VideoTrainerOptions, new() => new()
    {
        Backbone = Backbone.ResNet18,
        WidthMultiplier = 0.125,
        NumSegments = MovingBlockData.Frames,
        BatchSize = 4,
        MaxEpoch = maxEpoch,
        LearningRate = 0.02,
        Dropout = 0,
        Seed = 7,
        ReportEveryNSteps = 1000,
    };

    private static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlvideo-trainer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [TestMethod]
    public void Fit_TinyClips_OutputsScoreAndPredictedLabelWithClassNames()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = MovingBlockData.Load(ml, 16, seed: 1);
        var model = ml.MulticlassClassification.Trainers.Tsm(TinyOptions<TsmTrainer.Options>(maxEpoch: 1)).Fit(data);

        var scored = model.Transform(data);
        var score = scored.Schema["Score"];
        var predicted = scored.Schema["PredictedLabel"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), score.Type);
        Assert.AreEqual(new KeyDataViewType(2), predicted.Type);
        CollectionAssert.AreEqual(new[] { "right", "left" }, predicted.GetKeyValueStrings());
        var probabilities = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.GetValues().ToArray()).ToList();
        Assert.AreEqual(16, probabilities.Count);
        foreach (var p in probabilities) Assert.AreEqual(1.0, p.Sum(), 1e-5, "softmax probabilities sum to 1");
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.IsNotNull(metrics.GflopsPerVideo, "the score column reports GFLOPs per video");
        Assert.IsTrue(metrics.GflopsPerVideo > 0);
        Assert.IsNotNull(metrics.TestProtocol);
        Assert.AreEqual(1, model.Training!.History.Count);
        Assert.AreEqual(metrics.GflopsPerVideo!.Value, model.Training.GflopsPerView, 1e-12, "the trainer reports the GFLOPs evaluation reports (one view)");
        Assert.IsTrue(model.Training.Parameters > 0);
    }

    [TestMethod]
    public void Tsm_MovingBlockDirection_LearnsWhatTsnCannot()
    {
        var ml = new MLVideoContext(seed: 1);
        var train = MovingBlockData.Load(ml, 48, seed: 1);
        var test = MovingBlockData.Load(ml, 24, seed: 2);
        var tsm = ml.MulticlassClassification.Trainers.Tsm(TinyOptions<TsmTrainer.Options>(maxEpoch: 8)).Fit(train);
        var tsn = ml.MulticlassClassification.Trainers.Tsn(TinyOptions<TsnTrainer.Options>(maxEpoch: 8)).Fit(train);
        double tsmAccuracy = ml.MulticlassClassification.Evaluate(tsm.Transform(test)).MicroAccuracy;
        double tsnAccuracy = ml.MulticlassClassification.Evaluate(tsn.Transform(test)).MicroAccuracy;
        Assert.IsTrue(tsmAccuracy >= 0.9, $"TSM test accuracy {tsmAccuracy:F3} (TSN {tsnAccuracy:F3})");
        // TSN averages frame logits, and both directions have the same frames: it cannot beat chance by much.
        Assert.IsTrue(tsnAccuracy <= 0.7, $"TSN test accuracy {tsnAccuracy:F3} should be near chance");
    }

    [TestMethod]
    public void SaveLoad_WholeModel_PredictsIdentically()
    {
        var ml = new MLVideoContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(MovingBlockData.Create(12, seed: 3));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Gsf(TinyOptions<GsfTrainer.Options>(maxEpoch: 1)));
        var model = pipeline.Fit(raw);
        string path = Path.Combine(TempFolder(), "model.zip");
        ml.Model.Save(model, raw.Schema, path);
        var loaded = ml.Model.Load(path, out var schema);

        var before = model.Transform(raw).GetColumn<VBuffer<float>>("Score").Select(v => v.GetValues().ToArray()).ToList();
        var after = loaded.Transform(raw).GetColumn<VBuffer<float>>("Score").Select(v => v.GetValues().ToArray()).ToList();
        Assert.AreEqual(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++) CollectionAssert.AreEqual(before[i], after[i], $"row {i}");
        Assert.IsTrue(schema.GetColumnOrNull("Features").HasValue, "the input schema is saved with the model");
    }

    [TestMethod]
    public void Resume_AfterCancelledRun_ContinuesTheSameLossCurve()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = MovingBlockData.Load(ml, 16, seed: 4);
        var full = ml.MulticlassClassification.Trainers.Tsm(TinyOptions<TsmTrainer.Options>(maxEpoch: 4)).Fit(data);

        string folder = TempFolder();
        using var cancel = new CancellationTokenSource();
        var first = TinyOptions<TsmTrainer.Options>(maxEpoch: 4);
        first.CheckpointFolder = folder;
        first.CancellationToken = cancel.Token;
        first.MetricsCallback = p => { if (p.IsEpochEnd && p.Epoch == 2) cancel.Cancel(); };
        var interrupted = ml.MulticlassClassification.Trainers.Tsm(first).Fit(data);
        Assert.IsTrue(interrupted.Training!.Cancelled);
        Assert.AreEqual(2, interrupted.Training.History.Count, "two epochs completed before the cancellation");

        var second = TinyOptions<TsmTrainer.Options>(maxEpoch: 4);
        second.ResumeFrom = folder;
        var resumed = ml.MulticlassClassification.Trainers.Tsm(second).Fit(data);
        var expected = full.Training!.History;
        var actual = resumed.Training!.History;
        Assert.AreEqual(4, actual.Count, "epochs 1-2 from the checkpoint, 3-4 trained");
        CollectionAssert.AreEqual(Enumerable.Range(1, 4).ToArray(), actual.Select(e => e.Epoch).ToArray());
        for (int e = 0; e < 4; e++)
        {
            Assert.AreEqual(expected[e].Loss, actual[e].Loss, 1e-4 * Math.Max(1, expected[e].Loss), $"epoch {e + 1} loss");
            Assert.AreEqual(expected[e].LearningRate, actual[e].LearningRate, 1e-12, $"epoch {e + 1} learning rate");
        }
    }

    [TestMethod]
    public void Resume_WithAnotherArchitecture_FailsNamingBoth()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = MovingBlockData.Load(ml, 8, seed: 5);
        string folder = TempFolder();
        var first = TinyOptions<TsmTrainer.Options>(maxEpoch: 1);
        first.CheckpointFolder = folder;
        ml.MulticlassClassification.Trainers.Tsm(first).Fit(data);
        Assert.IsTrue(File.Exists(Path.Combine(folder, TrainingCheckpoint.FileName)));

        var other = TinyOptions<TsnTrainer.Options>(maxEpoch: 2);
        other.ResumeFrom = folder;
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ml.MulticlassClassification.Trainers.Tsn(other).Fit(data));
        StringAssert.Contains(e.Message, "Tsm");
        StringAssert.Contains(e.Message, "Tsn");
    }

    [TestMethod]
    public void Validation_KeepsTheBestEpoch()
    {
        var ml = new MLVideoContext(seed: 1);
        var train = MovingBlockData.Load(ml, 16, seed: 6);
        var options = TinyOptions<TsmTrainer.Options>(maxEpoch: 3);
        options.ValidationSet = MovingBlockData.Load(ml, 8, seed: 7);
        var model = ml.MulticlassClassification.Trainers.Tsm(options).Fit(train);
        var history = model.Training!.History;
        Assert.IsTrue(history.All(h => h.ValidationAccuracy is not null));
        double best = history.Max(h => h.ValidationAccuracy!.Value);
        Assert.AreEqual(history.First(h => h.ValidationAccuracy == best).Epoch, model.Training.BestEpoch);
        double reevaluated = ml.MulticlassClassification.Evaluate(model.Transform(options.ValidationSet)).MicroAccuracy;
        Assert.AreEqual(best, reevaluated, 1e-9, "the returned model is the best epoch's");
    }

    [TestMethod]
    public void Fit_WithoutFeatureColumn_ThrowsBeforeReadingData()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new { VideoPath = "a.mp4", Label = "x" } }.Select(r => new LabelOnly { Label = r.Label }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.MulticlassClassification.Trainers.Tsn(TinyOptions<TsnTrainer.Options>()).Fit(keyed));
        StringAssert.Contains(e.Message, "Features");
    }

    [TestMethod]
    public void Fit_WithTextLabel_AsksForMapValueToKey()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MovingBlockData.Create(4, seed: 8));
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.MulticlassClassification.Trainers.Tsn(TinyOptions<TsnTrainer.Options>()).Fit(data));
        StringAssert.Contains(e.Message, "MapValueToKey");
    }

    private sealed class LabelOnly
    {
        public string Label { get; set; } = "";
    }
}
