// MLVideo QuickStart: a plain ML.NET console app. It makes a small folder of mp4 videos, trains GSF (and TSN for
// comparison) with ML.NET's own calls, evaluates, saves the whole pipeline with ml.Model.Save, then starts itself as a
// second process that loads the .zip with ml.Model.Load and predicts: the scores must agree to 1e-6.
//
//   dotnet run -c Release --project examples/QuickStart [-- <work folder>]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLVideo;
using MLVideo.Transforms.Synthetic;

if (args is ["--predict", var modelPath, var listPath, var scoresPath])
    return PredictInFreshProcess(modelPath, listPath, scoresPath);

string work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "mlvideo-quickstart");
string videos = Path.Combine(work, "videos");
Console.WriteLine($"Generating synthetic videos in {videos} ...");
if (Directory.Exists(videos)) Directory.Delete(videos, recursive: true);
// Classes that only time tells apart: a shape moving left/right/up/down or a bar turning clockwise/counter-clockwise.
SyntheticActionDataset.Generate(videos, new SyntheticDatasetOptions { VideosPerClass = 40, FramesPerVideo = 24, Width = 32, Height = 32 });

// --- The README's snippet starts here. ---
var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromVideoFolder(videos);                                   // columns VideoPath, Label
var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);
var preprocessing = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadVideo("Video", "VideoPath"))
    .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8)))        // TSN sampling, random offsets
    .Append(ml.Transforms.CropFrames("Clip", 32, 32))
    .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet));
var gsf = ml.MulticlassClassification.Trainers.Gsf(new GsfTrainer.Options
{
    Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 8, MaxEpoch = 20, BatchSize = 8,
    LearningRate = 0.01, WarmupEpochs = 1, WeightDecay = 1e-4, DropoutRatio = 0, Seed = 1,
    MetricsCallback = p => { if (p.IsEpochEnd && p.Epoch % 5 == 0) Console.WriteLine($"    {p}"); },
});
var pipeline = preprocessing.Append(gsf).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = VideoEvaluation.ForEvaluation(pipeline.Fit(split.TrainSet));                  // test mode: segment centres
var scored = model.Transform(split.TestSet);
var metrics = ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: 2);
var video = ml.MulticlassClassification.EvaluateVideo(scored, topKPredictionCount: 2);  // + GFLOPs, ms per video
ml.Model.Save(model, data.Schema, Path.Combine(work, "actions.zip"));
// --- The README's snippet ends here. ---

Console.WriteLine($"GSF: micro accuracy {metrics.MicroAccuracy:F3}, macro {metrics.MacroAccuracy:F3}, top-2 {metrics.TopKAccuracy:F3}, " +
                  $"log-loss {metrics.LogLoss:F3}; {video.GflopsPerVideo:F3} GFLOPs and {video.MillisecondsPerVideo:F1} ms per video ({video.TestProtocol})");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// TSN on the same data for comparison: it averages frames, so it cannot see which way things move.
var tsn = preprocessing.Append(ml.MulticlassClassification.Trainers.Tsn(new TsnTrainer.Options
{
    Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 8, MaxEpoch = 20, BatchSize = 8,
    LearningRate = 0.01, WarmupEpochs = 1, WeightDecay = 1e-4, DropoutRatio = 0, Seed = 1,
})).Fit(split.TrainSet);
var tsnMetrics = ml.MulticlassClassification.Evaluate(VideoEvaluation.ForEvaluation(tsn).Transform(split.TestSet), topKPredictionCount: 2);
Console.WriteLine($"TSN: micro accuracy {tsnMetrics.MicroAccuracy:F3} (GSF {metrics.MicroAccuracy:F3})");

// A second process loads actions.zip with ml.Model.Load and scores the test videos; the scores must be identical.
string list = Path.Combine(work, "test-videos.txt"), theirs = Path.Combine(work, "scores-fresh-process.txt");
var rows = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToList();
File.WriteAllLines(list, rows.Select(r => r.VideoPath));
var self = new ProcessStartInfo(Environment.ProcessPath!);
if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") self.ArgumentList.Add(typeof(Prediction).Assembly.Location);
foreach (var a in new[] { "--predict", Path.Combine(work, "actions.zip"), list, theirs }) self.ArgumentList.Add(a);
using (var child = Process.Start(self)!) child.WaitForExit();
var fresh = File.ReadAllLines(theirs).Select(l => l.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
double worst = rows.Zip(fresh, (a, b) => a.Score.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
Console.WriteLine($"Fresh process: {fresh.Count} videos, max |Δscore| = {worst:G3} {(worst <= 1e-6 ? "(identical)" : "(MISMATCH)")}");
Console.WriteLine($"{Path.GetFileName(rows[0].VideoPath)}: true {rows[0].Label}, predicted {rows[0].PredictedLabel}");
return worst <= 1e-6 && fresh.Count == rows.Count ? 0 : 1;

static int PredictInFreshProcess(string modelPath, string listPath, string scoresPath)
{
    var ml = new MLContext();
    var model = ml.Model.Load(modelPath, out _);
    var engine = ml.Model.CreatePredictionEngine<VideoInput, Prediction>(model);
    var lines = File.ReadAllLines(listPath).Select(path => engine.Predict(new VideoInput { VideoPath = path }))
        .Select(p => string.Join(' ', p.Score.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    File.WriteAllLines(scoresPath, lines);
    return 0;
}

/// <summary>An input row: the video to classify (the label is not needed to predict).</summary>
internal sealed class VideoInput
{
    public string VideoPath { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>An output row.</summary>
internal sealed class Prediction
{
    public string VideoPath { get; set; } = "";
    public string Label { get; set; } = "";
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
