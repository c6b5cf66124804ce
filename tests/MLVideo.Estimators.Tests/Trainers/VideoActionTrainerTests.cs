using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Estimators.Tests.Support;

namespace MLVideo.Estimators.Tests.Trainers;

[TestClass]
public sealed class VideoActionTrainerTests
{
    [TestMethod]
    public void Fit_LabelNotAKey_ThrowsMlNetSchemaErrorNamingColumnAndType()
    {
        var ml = new MLContext(seed: 1);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(2, seed: 1));     // Label is text, not a key
        var trainer = ml.MulticlassClassification.Trainers.Tsn(TinyModels.Options(new TsnTrainer.Options()));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        StringAssert.Contains(e.Message, "Label");
        StringAssert.Contains(e.Message, "Key");
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(MLVideo.Transforms.SchemaShapes.Of(data.Schema)));
    }

    [TestMethod]
    public void Fit_MissingFeatureColumn_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(2, seed: 1));
        var options = TinyModels.Options(new GsfTrainer.Options());
        options.FeatureColumnName = "Pixels";
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Gsf(options));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(data));
        StringAssert.Contains(e.Message, "Pixels");
    }

    [TestMethod]
    public void Fit_FeatureVectorOfWrongShape_ThrowsNamingExpectedDimensions()
    {
        var ml = new MLContext(seed: 1);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(2, seed: 1));
        var options = TinyModels.Options(new TsmTrainer.Options());
        options.NumSegments = 8;                                   // the clips have 4 frames
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Tsm(options));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(data));
        StringAssert.Contains(e.Message, "Features");
        StringAssert.Contains(e.Message, "T=8");
    }

    [TestMethod]
    public void Constructor_OptionsOfAnotherMethod_Throws()
    {
        var ml = new MLContext();
        var options = new TsmTrainer.Options { Method = VideoMethod.Gsf };
        Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Tsm(options));
    }

    [TestMethod]
    public void Constructor_NonPositiveBatchSize_Throws()
    {
        var ml = new MLContext();
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Tsn(new TsnTrainer.Options { BatchSize = 0 }));
    }

    [TestMethod]
    public void VideoAction_MethodOption_PicksTheMethod()
    {
        var ml = new MLContext(seed: 1);
        var options = TinyModels.Options(new VideoActionTrainer.Options { Method = VideoMethod.Gsf }, maxEpoch: 1);
        var (model, _) = TinyModels.Fit(ml, ml.MulticlassClassification.Trainers.VideoAction(options), perClass: 2);
        var classifier = ((TransformerChain<VideoActionTransformer>)model).LastTransformer;
        Assert.AreEqual(VideoMethod.Gsf, classifier.Description.Architecture.Method);
        Assert.IsNotNull(classifier.Training);
        Assert.AreEqual(1, classifier.Training!.History.Count);
    }

    [TestMethod]
    public void Fit_ReportsProgressThroughCallbackAndMlLog()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var progress = new List<TrainingProgress>();
        var options = TinyModels.Options(new TsnTrainer.Options(), maxEpoch: 2);
        options.MetricsCallback = progress.Add;
        TinyModels.Fit(ml, ml.MulticlassClassification.Trainers.Tsn(options), perClass: 4);
        Assert.IsTrue(progress.Count(p => p.IsEpochEnd) == 2, $"{progress.Count} progress reports");
        Assert.IsTrue(messages.Any(m => m.Contains("GFLOPs", StringComparison.Ordinal)), "the model's GFLOPs reach ml.Log");
        Assert.IsTrue(messages.Any(m => m.Contains("clips/s", StringComparison.Ordinal)), "progress lines reach ml.Log: " + string.Join(" | ", messages.TakeLast(5)));
    }
}
