using System.Diagnostics;
using MLVideo.Bench.Harness;
using MLVideo.Trainers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Contenders;

/// <summary>
/// Times training steps of our <see cref="VideoTrainingLoop"/>: one epoch over an in-memory source of
/// warm-up + repeats batches of 2 clips, with a progress report after every step. A step's time is the interval
/// between two consecutive reports: everything the loop does for a step (taking the prefetched batch, copying it to
/// a tensor, forward, cross-entropy, backward, the SGD step over the parameter groups, the schedule, loss and
/// accuracy read-out, the report itself). The reports of the warm-up steps are not used; nothing is subtracted.
/// </summary>
public static class OursTrainingTimer
{
    /// <summary>Trains <paramref name="model"/> for warm-up + repeats steps; returns the timed steps in ms.</summary>
    public static double[] Time(nn.Module<Tensor, Tensor> model, Device device, BenchOptions options)
    {
        int steps = options.Warmup + options.Repeats;
        // Two distinct clips, referenced again for every batch: the source holds 2 clips of memory, as the plain loop does.
        var rng = new Random(1);
        var clipShape = new long[] { BenchShape.Frames, BenchShape.Channels, BenchShape.Size, BenchShape.Size };
        var distinct = Enumerable.Range(0, BenchShape.TrainingClips)
            .Select(_ => Enumerable.Range(0, (int)clipShape.Aggregate(1L, (a, d) => a * d)).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray())
            .ToArray();
        var clips = Enumerable.Range(0, steps * BenchShape.TrainingClips).Select(i => distinct[i % distinct.Length]).ToList();
        var labels = Enumerable.Range(0, clips.Count).Select(i => BenchShape.Labels[i % BenchShape.Labels.Length]).ToList();
        var source = new InMemoryClipBatchSource(clips, labels, clipShape);

        var reports = new List<long>(steps);
        var loop = new VideoTrainingLoop(new TrainingOptions
        {
            MaxEpoch = 1,
            BatchSize = BenchShape.TrainingClips,
            LearningRate = BenchShape.LearningRate,
            Momentum = BenchShape.Momentum,
            WeightDecay = BenchShape.WeightDecay,
            GradientClipNorm = 0,           // the step of the issue has no clipping; the plain loop and PyTorch clip nothing either
            NumberOfThreads = options.Threads,
            Device = device,
            Seed = 1,
            ReportEveryNSteps = 1,
            MetricsCallback = progress =>
            {
                if (!progress.IsEpochEnd) reports.Add(Stopwatch.GetTimestamp());
            },
        });
        loop.Run(model, source);
        if (reports.Count != steps) throw new InvalidOperationException($"The training loop reported {reports.Count} steps; {steps} were expected.");
        // Interval k (between reports k-1 and k, 0-based) is step k + 1; steps 1..warm-up are not timed.
        return Enumerable.Range(options.Warmup, options.Repeats)
            .Select(k => Stopwatch.GetElapsedTime(reports[k - 1], reports[k]).TotalMilliseconds)
            .ToArray();
    }
}
