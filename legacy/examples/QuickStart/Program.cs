// MLVideo QuickStart: generate a small video dataset, train TSN and GSF, evaluate both, save the GSF pipeline to a
// .zip, load it back and predict one video. Runs in a few minutes on 2 CPU cores.
//
//   dotnet run -c Release --project examples/QuickStart [-- <work folder>]
using System.Diagnostics;
using MLVideo;
using MLVideo.Data;
using MLVideo.Evaluation;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Training;
using MLVideo.Transforms;
using MLVideo.Synthetic;

string work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "mlvideo-quickstart");
string videos = Path.Combine(work, "videos");
var ml = new MLVideoContext(seed: 1);
// Progress of training comes through the trainers' MetricsCallback below; the log shows everything else.
ml.Log += (_, e) => { if (e.Kind >= ChannelMessageKind.Info && e.Source != "VideoTrainer") Console.WriteLine($"  [{e.Source}] {e.RawMessage}"); };

// 1. A dataset whose classes need time to tell apart: a textured shape moving left/right/up/down or rotating
//    clockwise/counter-clockwise over a noisy random background, as real mp4 files (one folder per class).
Console.WriteLine($"Generating synthetic videos in {videos} ...");
if (Directory.Exists(videos)) Directory.Delete(videos, recursive: true);
SyntheticActionDataset.Generate(videos, new SyntheticDatasetOptions
{
    Actions = [SyntheticAction.MoveLeft, SyntheticAction.MoveRight, SyntheticAction.MoveUp, SyntheticAction.MoveDown,
               SyntheticAction.RotateClockwise, SyntheticAction.RotateCounterClockwise],
    VideosPerClass = 40,
    FramesPerVideo = 24,
    Width = 32,
    Height = 32,
});

// 2. Load the folder (columns VideoPath, Label), split, and turn every video into 8 frames of 32x32 pixels.
IDataView data = ml.Data.LoadFromVideoFolder(videos);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);
var preprocessing = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadVideo("Video", "VideoPath"))
    .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), testMode: true))
    .Append(ml.Transforms.CropFrames("Clip", 32, 32))
    .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet));
var prepared = preprocessing.Fit(split.TrainSet);
// Decode on both cores ahead of the consumer, once: the cache keeps the clips for every epoch and both trainers.
var train = ml.Data.Cache(ml.Data.Prefetch(prepared.Transform(split.TrainSet)));
var test = ml.Data.Cache(ml.Data.Prefetch(prepared.Transform(split.TestSet)));

// 3. Train TSN (no temporal modelling) and GSF (gate-shift-fuse) on a tiny ResNet-18 and evaluate both.
T Options<T>() where T : VideoTrainerOptions, new() => new()
{
    Backbone = Backbone.ResNet18,
    WidthMultiplier = 0.25,
    NumSegments = 8,
    BatchSize = 8,
    MaxEpoch = 20,
    LearningRate = 0.01,
    WarmupEpochs = 1,
    WeightDecay = 1e-4,
    Dropout = 0f,
    Seed = 1,
    ReportEveryNSteps = 1000,
    MetricsCallback = p => { if (p.IsEpochEnd && p.Epoch % 5 == 0) Console.WriteLine($"    {p}"); },
};
var results = new List<(string Name, MulticlassClassificationMetrics Metrics, VideoClassificationTransformer Model)>();
foreach (var (name, trainer) in new (string, IEstimator<VideoClassificationTransformer>)[]
         {
             ("TSN", ml.MulticlassClassification.Trainers.Tsn(Options<TsnTrainer.Options>())),
             ("GSF", ml.MulticlassClassification.Trainers.Gsf(Options<GsfTrainer.Options>())),
         })
{
    Console.WriteLine($"Training {name} ...");
    var clock = Stopwatch.StartNew();
    var model = trainer.Fit(train);
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), topKPredictionCount: 2);
    Console.WriteLine($"  {name} trained in {clock.Elapsed.TotalSeconds:F0} s");
    results.Add((name, metrics, model));
}

Console.WriteLine();
Console.WriteLine("| model | micro acc | macro acc | top-2 | log-loss | GFLOPs/video | ms/video |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var (name, m, model) in results)
    Console.WriteLine($"| {name} | {m.MicroAccuracy:F3} | {m.MacroAccuracy:F3} | {m.TopKAccuracy:F3} | {m.LogLoss:F3} | {m.GflopsPerVideo:F3} | {m.MillisecondsPerVideo:F1} |");
var gsf = results[^1];
Console.WriteLine();
Console.WriteLine("GSF confusion matrix:");
Console.WriteLine(gsf.Metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 4. Save the whole GSF pipeline (preprocessing + model + key-to-label mapping), load it and predict one video.
var scored = gsf.Model.Transform(test);
var toLabel = ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored);
var pipeline = prepared.Append(gsf.Model).Append(toLabel);
string zip = Path.Combine(work, "actions.zip");
ml.Model.Save(pipeline, data.Schema, zip);
Console.WriteLine($"Saved {zip} ({new FileInfo(zip).Length / 1024} KiB)");

var loaded = ml.Model.Load(zip, out _);
var engine = ml.Model.CreatePredictionEngine<VideoInput, ActionPrediction>(loaded);
string sample = ml.Data.CreateEnumerable<VideoInput>(split.TestSet, reuseRowObject: false).First().VideoPath;
var prediction = engine.Predict(new VideoInput { VideoPath = sample });
Console.WriteLine($"{Path.GetFileName(Path.GetDirectoryName(sample))}/{Path.GetFileName(sample)} -> {prediction.PredictedLabel} " +
                  $"(p = {prediction.Score.Max():F3})");
return 0;

/// <summary>The input row of the prediction engine.</summary>
internal sealed class VideoInput
{
    public string VideoPath { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>The output row of the prediction engine.</summary>
internal sealed class ActionPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
