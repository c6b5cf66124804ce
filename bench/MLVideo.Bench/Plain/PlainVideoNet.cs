using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Plain;

/// <summary>TSN's frame folding and average consensus written plainly: clips (N, T, C, H, W) -> logits (N, K).</summary>
public sealed class PlainVideoNet : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> frames;

    /// <summary>Wraps a per-frame network (TorchVision's resnet18 or <see cref="PlainResNet18"/>).</summary>
    public PlainVideoNet(nn.Module<Tensor, Tensor> frameNetwork) : base(nameof(PlainVideoNet))
    {
        frames = frameNetwork;
        RegisterComponents();
    }

    /// <summary>Folds T into the batch, classifies every frame, averages over T.</summary>
    public override Tensor forward(Tensor clips)
    {
        long n = clips.shape[0], t = clips.shape[1];
        var logits = frames.call(clips.reshape(n * t, clips.shape[2], clips.shape[3], clips.shape[4]));
        return logits.view(n, t, -1).mean([1]);
    }
}
