// Started by the fresh-process load tests. Loads a saved model with `new MLContext().Model.Load` only (no MLVideo
// registration call) and prints one line of scores per row (invariant culture, round-trip precision).
//   MLVideo.ModelLoadProcess <model.zip> <rows per class> <seed>   scores the moving-block clips of that seed
//   MLVideo.ModelLoadProcess <model.zip> --videos <list.txt>      scores each video path of the list (one per line)
using System.Globalization;
using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;

var ml = new MLContext(seed: 1);
var model = ml.Model.Load(args[0], out _);
IEnumerable<float[]> scores;
if (args[1] == "--videos")
{
    var engine = ml.Model.CreatePredictionEngine<VideoRow, ScoreRow>(model);
    scores = File.ReadAllLines(args[2]).Select(path => engine.Predict(new VideoRow { VideoPath = path }).Score).ToList();
}
else
{
    var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)));
    scores = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).Select(r => r.Score).ToList();
}
foreach (var row in scores)
    Console.WriteLine(string.Join(' ', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

internal sealed class VideoRow
{
    public string VideoPath { get; set; } = "";
    public string Label { get; set; } = "";
}

internal sealed class ScoreRow
{
    public float[] Score { get; set; } = [];
}
