// Usage: MLVideo.ModelLoadProcess <model.zip> <rows per class> <seed>
// Loads the model with `new MLContext().Model.Load` only (no MLVideo registration call), scores the moving-block
// clips of the given seed and prints one line of scores per row (invariant culture, round-trip precision).
using System.Globalization;
using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;

var ml = new MLContext(seed: 1);
var model = ml.Model.Load(args[0], out _);
var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)));
var scored = model.Transform(data);
foreach (var row in ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false))
    Console.WriteLine(string.Join(' ', row.Score.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

internal sealed class ScoreRow
{
    public float[] Score { get; set; } = [];
}
