using MLVideo.Trainers.Complexity;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo;

/// <summary>
/// The network behind a <see cref="VideoActionTransformer"/>: built from its <see cref="VideoModelSpec"/> on one
/// device, kept in eval mode for prediction, its weights read and written as safetensors with PyTorch names.
/// The one place where the ML.NET face talks to the TorchSharp modules.
/// </summary>
internal sealed class TrainedNetwork : IDisposable
{
    private TrainedNetwork(VideoModelSpec spec, VideoClassifier module, Device device)
    {
        Spec = spec;
        Module = module;
        Device = device;
    }

    public VideoModelSpec Spec { get; }

    public VideoClassifier Module { get; }

    public Device Device { get; }

    public long ParameterCount => Module.parameters().Sum(p => p.numel());

    /// <summary>A new network with fresh (seeded by the caller) initial weights.</summary>
    public static TrainedNetwork Create(VideoModelSpec spec, Device device) =>
        new(spec, VideoModelFactory.Create(spec, device), device);

    /// <summary>Rebuilds a saved network: the architecture from <paramref name="spec"/>, the weights from the safetensors stream.</summary>
    /// <exception cref="VideoModelFormatException">The stream is truncated or corrupt, or its tensors do not fit the architecture.</exception>
    public static TrainedNetwork Load(VideoModelSpec spec, Stream weights, string where)
    {
        VideoClassifier module;
        try
        {
            module = VideoModelFactory.Create(spec, CPU);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new VideoModelFormatException($"{where}: the saved architecture cannot be built ({e.Message}).", e);
        }
        try
        {
            using var file = SafeTensorsReader.Read(weights, where);
            var tensors = file.ToTensors();
            try
            {
                StateDictImporter.Import(module, tensors, where, strict: true);
            }
            finally
            {
                foreach (var (_, t) in tensors) t.Dispose();
            }
        }
        catch (Exception e) when (e is not VideoModelFormatException)
        {
            module.Dispose();
            throw new VideoModelFormatException($"{where}: the saved weights cannot be read or do not fit the saved architecture: {e.Message}", e);
        }
        module.eval();
        return new TrainedNetwork(spec, module, CPU);
    }

    /// <summary>Writes the state dict (parameters and buffers, PyTorch names) as one safetensors stream.</summary>
    public void SaveWeights(Stream destination) => SafeTensorsWriter.WriteStateDict(destination, Module);

    /// <summary>Imports official weights (safetensors or .pt) before training, skipping the head when class counts differ.</summary>
    public string ImportWeights(string path)
    {
        var r = StateDictImporter.Import(Module, path, strict: false);
        return $"{r.Loaded.Count} tensors loaded; missing [{string.Join(", ", r.Missing)}]; unexpected [{string.Join(", ", r.Unexpected)}]; " +
               $"mis-shaped [{string.Join(", ", r.MisShaped)}]";
    }

    /// <summary>A tensor on the network's device holding <paramref name="values"/> with <paramref name="shape"/>.</summary>
    public Tensor Input(ReadOnlySpan<float> values, long[] shape) => tensor(values.ToArray(), shape).to(Device);

    /// <summary>Logits (N, K) for clips (N, T, C, H, W); the caller owns the dispose scope and the grad mode.</summary>
    public Tensor Forward(Tensor clips) => Module.forward(clips);

    /// <summary>Multiply-accumulates, in billions, of one forward pass on the input shape (one view).</summary>
    public double GigaMacsPerView(long[] inputShape) => MacCounter.Measure(Module, inputShape, Device).GigaMacsPerView;

    public void Dispose() => Module.Dispose();
}
