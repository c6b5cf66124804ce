using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Training;
using TorchSharp;

namespace MLVideo;

/// <summary>Maps the trainer's ML.NET-style options onto the TorchSharp training loop and runs it.</summary>
internal static class TrainingRun
{
    public static TrainingResult Run(TrainedNetwork network, VideoModelSpec spec, IClipBatchSource train, IClipBatchSource? validation,
        VideoActionTrainer.Options o, int seed, Action<string> log)
    {
        var options = new TrainingOptions
        {
            MaxEpoch = o.MaxEpoch,
            BatchSize = o.BatchSize,
            LearningRate = o.LearningRate,
            Optimizer = o.Optimizer,
            Momentum = o.Momentum,
            WeightDecay = o.WeightDecay,
            WarmupEpochs = o.WarmupEpochs,
            LearningRateSchedule = o.LearningRateSchedule,
            LearningRateMilestones = o.LearningRateMilestones,
            GradientClipNorm = o.GradientClipNorm,
            LabelSmoothing = o.LabelSmoothing,
            Device = network.Device,
            NumberOfThreads = o.NumberOfThreads > 0 ? o.NumberOfThreads : null,
            Seed = seed,
            ValidationSet = validation,
            KeepBestModel = validation is not null,
            CheckpointFolder = o.CheckpointFolder,
            ResumeFrom = o.ResumeFrom,
            CancellationToken = o.CancellationToken,
            MetricsCallback = o.MetricsCallback,
            Log = log,
        };
        var result = new VideoTrainingLoop(options).Run(network.Module, train);
        network.Module.eval();
        return result;
    }
}
