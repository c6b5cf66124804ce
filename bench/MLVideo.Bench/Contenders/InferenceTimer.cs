using MLVideo.Bench.Harness;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Contenders;

/// <summary>
/// The prediction path of the ML.NET transformer (VideoActionTransformer.Predict), for any clip model: one clip
/// (1, T, C, H, W) through the network in eval mode under no_grad inside a dispose scope, softmax over the classes,
/// the mean over the views (here one), copied out as floats.
/// </summary>
public static class InferenceTimer
{
    /// <summary>Times <paramref name="model"/> on one random clip; returns the timed iterations in ms.</summary>
    public static double[] Time(nn.Module<Tensor, Tensor> model, Device device, BenchOptions options)
    {
        model.eval();
        using var clip = torch.randn(BenchShape.Clips(1), device: device);
        return Timing.Samples(() =>
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var logits = model.call(clip);                                    // (V, K)
            var probabilities = nn.functional.softmax(logits, 1).mean([0]);   // (K)
            _ = probabilities.cpu().data<float>().ToArray();
        }, options.Repeats, options.Warmup);
    }
}
