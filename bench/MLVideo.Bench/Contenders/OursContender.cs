using MLVideo.Bench.Harness;
using MLVideo.Trainers.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Contenders;

/// <summary>
/// Ours: the model from <see cref="VideoModelFactory"/> (the modules of src/Trainers, as the trainers build them),
/// timed on the transformer's prediction path (<see cref="InferenceTimer"/>) and inside our training loop
/// (<see cref="OursTrainingTimer"/>).
/// </summary>
public static class OursContender
{
    /// <summary>Measures <paramref name="method"/> (tsn, tsm, gsf).</summary>
    public static Measurement Measure(string method, BenchOptions options)
    {
        var device = torch.CPU;
        using var model = CreateModel(method, device);
        double[] inference = InferenceTimer.Time(model, device, options);
        double afterInference = PeakMemory.ResidentMiB();
        double[] training = OursTrainingTimer.Time(model, device, options);
        return new Measurement("ours", method, inference, training, afterInference, PeakMemory.ResidentMiB(), $"TorchSharp {typeof(torch).Assembly.GetName().Version}");
    }

    /// <summary>ResNet-18 with <paramref name="method"/> (tsn, tsm, gsf), 8 segments, 400 classes, no dropout, from <see cref="VideoModelFactory"/>.</summary>
    public static VideoClassifier CreateModel(string method, Device device)
    {
        var spec = new VideoModelSpec
        {
            Method = method switch
            {
                "tsn" => VideoMethod.Tsn,
                "tsm" => VideoMethod.Tsm,
                "gsf" => VideoMethod.Gsf,
                _ => throw new ArgumentException($"Unknown method '{method}'.", nameof(method)),
            },
            Backbone = VideoBackbone.ResNet18,
            NumSegments = BenchShape.Frames,
            NumClasses = BenchShape.Classes,
            DropoutRatio = 0,
        };
        return VideoModelFactory.Create(spec, device);
    }
}
