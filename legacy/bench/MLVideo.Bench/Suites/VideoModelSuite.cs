using System.Globalization;
using MLVideo.Bench.Harness;
using MLVideo.Tensors;
using MLVideo.Tensors.Optim;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;

namespace MLVideo.Bench.Suites;

/// <summary>
/// ResNet-18 TSN, TSM and GSF at 8 x 3 x 112 x 112: inference per clip (no grad, eval) and a training step per clip
/// (2 clips x 8 frames: forward, cross-entropy, backward, SGD), ours against PyTorch's torchvision TSN/TSM in the same
/// run (bench/python/resnet_tsn.py), with the ratio ours / PyTorch throughput and each side's peak memory.
/// PyTorch has no GSF here; GSF is compared with PyTorch's TSM, the closest baseline.
/// </summary>
public sealed class VideoModelSuite : IBenchSuite
{
    private const int Frames = 8, Size = 112, Clips = 2, Classes = 400;

    /// <inheritdoc/>
    public string Name => "models";

    /// <inheritdoc/>
    public string Description => "ResNet-18 TSN/TSM/GSF 8x112^2 inference and training step vs PyTorch (ms per clip, ratio, peak memory)";

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        string repeats = context.Repeats.ToString(CultureInfo.InvariantCulture);
        using var torchTsn = PythonReference.Run(context, "resnet_tsn.py", "--arch", "resnet18", "--size", "112", "--frames", "8", "--clips", "2", "--repeats", repeats);
        using var torchTsm = PythonReference.Run(context, "resnet_tsn.py", "--arch", "resnet18", "--size", "112", "--frames", "8", "--clips", "2", "--repeats", repeats, "--tsm");
        Console.WriteLine($"{"model",6} {"ours inf ms",12} {"torch inf ms",13} {"ratio",7} {"ours train ms",14} {"torch train ms",15} {"ratio",7}");
        // One untimed pass first, so that the first model timed does not pay for JIT tiering of the shared kernels.
        TimeOurs(VideoMethod.Tsn, new BenchContext { Repeats = 1, Warmup = 3, WithPyTorch = false });
        double peakAfterTsn = 0;
        foreach (var method in new[] { VideoMethod.Tsn, VideoMethod.Tsm, VideoMethod.Gsf })
        {
            var (inferMs, trainMs) = TimeOurs(method, context);
            // TSN runs first: the process peak at this point covers the same work as PyTorch's TSN process.
            if (method == VideoMethod.Tsn) peakAfterTsn = Timing.PeakWorkingSetMiB();
            var reference = method == VideoMethod.Tsn ? torchTsn : torchTsm;
            string line = $"{method,6} {inferMs,12:F1}";
            if (reference is not null)
            {
                double theirInfer = reference.RootElement.GetProperty("inference_ms_per_clip").GetDouble();
                double theirTrain = reference.RootElement.GetProperty("train_step_ms_per_clip").GetDouble();
                line += $" {theirInfer,13:F1} {theirInfer / inferMs,6:F2}x {trainMs,14:F1} {theirTrain,15:F1} {theirTrain / trainMs,6:F2}x";
            }
            else line += $" {"-",13} {"-",7} {trainMs,14:F1}";
            Console.WriteLine(line);
        }
        string torchPeak = torchTsn is null ? "" : $", PyTorch {torchTsn.RootElement.GetProperty("peak_rss_mib").GetDouble():F0} MiB (its TSN process)";
        Console.WriteLine($"peak memory: ours {peakAfterTsn:F0} MiB after TSN inference + training{torchPeak}; " +
                          $"ours {Timing.PeakWorkingSetMiB():F0} MiB after all three models");
        Console.WriteLine("ratio = ours / PyTorch throughput (above 1 means we are faster); GSF is compared with PyTorch's TSM.");
        return 0;
    }

    private static (double InferMs, double TrainMs) TimeOurs(VideoMethod method, BenchContext context)
    {
        using var model = VideoModelFactory.Create(new VideoModelOptions
        {
            Method = method, Backbone = Backbone.ResNet18, NumClasses = Classes, NumSegments = Frames, Dropout = 0.5f, Seed = 1,
        });
        var clip = Tensor.Randn([Frames, 3, Size, Size]).MoveToOuterScopeFully();
        model.Eval();
        double inferMs = Timing.MedianMilliseconds(() =>
        {
            using var scope = TensorScope.Begin();
            using var noGrad = Autograd.NoGrad();
            model.Forward(clip);
        }, context.Repeats, context.Warmup);

        model.Train();
        var batch = Tensor.Randn([Clips * Frames, 3, Size, Size]).MoveToOuterScopeFully();
        int[] labels = [3, 141];
        using var sgd = new Sgd(model.Parameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4);
        double trainMs = Timing.MedianMilliseconds(() =>
        {
            using var scope = TensorScope.Begin();
            var loss = Functional.CrossEntropy(model.Forward(batch), labels);
            sgd.ZeroGrad();
            loss.Backward();
            sgd.Step();
        }, context.Repeats, context.Warmup) / Clips;
        clip.Dispose();
        batch.Dispose();
        return (inferMs, trainMs);
    }
}
