using MLVideo.Bench.Harness;
using MLVideo.Bench.Plain;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Contenders;

/// <summary>
/// The same networks written plainly in TorchSharp: TSN on TorchVision's <c>torchvision.models.resnet18</c>, TSM and
/// GSF on <see cref="PlainResNet18"/>; a hand-written training step (forward, cross-entropy, zero_grad, backward,
/// SGD with momentum) on a batch tensor made once.
/// </summary>
public static class PlainContender
{
    /// <summary>Measures <paramref name="method"/> (tsn, tsm, gsf).</summary>
    public static Measurement Measure(string method, BenchOptions options)
    {
        var device = torch.CPU;
        using var model = CreateModel(method, device);
        double[] inference = InferenceTimer.Time(model, device, options);
        double afterInference = PeakMemory.ResidentMiB();
        double[] training = TimeTraining(model, device, options);
        return new Measurement("plain", method, inference, training, afterInference, PeakMemory.ResidentMiB(), $"TorchSharp {typeof(torch).Assembly.GetName().Version}");
    }

    /// <summary>The plain network of <paramref name="method"/> (tsn, tsm, gsf) on <paramref name="device"/>.</summary>
    public static PlainVideoNet CreateModel(string method, Device device)
    {
        var model = new PlainVideoNet(method switch
        {
            "tsn" => torchvision.models.resnet18(num_classes: BenchShape.Classes),
            "tsm" => new PlainResNet18(BenchShape.Classes, PlainTemporalMethod.Shift, BenchShape.Frames),
            "gsf" => new PlainResNet18(BenchShape.Classes, PlainTemporalMethod.Gsf, BenchShape.Frames),
            _ => throw new ArgumentException($"Unknown method '{method}'.", nameof(method)),
        });
        model.to(device);
        return model;
    }

    private static double[] TimeTraining(PlainVideoNet model, Device device, BenchOptions options)
    {
        model.train();
        using var optimizer = torch.optim.SGD(model.parameters(), BenchShape.LearningRate, momentum: BenchShape.Momentum, weight_decay: BenchShape.WeightDecay);
        using var batch = torch.randn(BenchShape.Clips(BenchShape.TrainingClips), device: device);
        using var labels = torch.tensor(BenchShape.Labels, device: device);
        return Timing.Samples(() =>
        {
            using var scope = torch.NewDisposeScope();
            var loss = nn.functional.cross_entropy(model.call(batch), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }, options.Repeats, options.Warmup);
    }
}
