// Trains a tiny TSM on the moving-block clips with a checkpoint folder: `TrainingProcess <checkpointFolder> <maxEpoch>`.
// Prints "epoch N" after each epoch so the parent test knows when to kill it.
using MLVideo;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Tests.Training;
using MLVideo.Trainers.Training;

var ml = new MLVideoContext(seed: 1);
var data = MovingBlockData.Load(ml, 32, seed: 11);
var options = TrainingProcessOptions.Create(args[0], int.Parse(args[1]));
options.MetricsCallback = p => { if (p.IsEpochEnd) Console.WriteLine($"epoch {p.Epoch}"); };
ml.MulticlassClassification.Trainers.Tsm(options).Fit(data);
Console.WriteLine("done");
