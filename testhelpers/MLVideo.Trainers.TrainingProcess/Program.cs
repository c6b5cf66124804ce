// Trains the killed-run setup with a checkpoint folder: `MLVideo.Trainers.TrainingProcess <checkpointFolder> <stepDelayMs>`.
// Prints "step <epoch> <step>" after every step and "epoch <n>" after each epoch (its checkpoint is on disk by then),
// and waits <stepDelayMs> after every step so the parent test can kill it in the middle of an epoch.
using System.Globalization;
using MLVideo.Trainers.Tests.Training;
using MLVideo.Trainers.Training;

var options = KilledRunSetup.Options(args[0]);
int delay = int.Parse(args[1], CultureInfo.InvariantCulture);
options.MetricsCallback = p =>
{
    Console.WriteLine(p.IsEpochEnd ? $"epoch {p.Epoch}" : $"step {p.Epoch} {p.Step}");
    if (!p.IsEpochEnd) Thread.Sleep(delay);
};
using var model = KilledRunSetup.Model();
new VideoTrainingLoop(options).Run(model, KilledRunSetup.Data());
Console.WriteLine("done");
