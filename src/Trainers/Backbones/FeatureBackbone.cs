using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// A backbone that turns an image batch (N, C, H, W) or a clip batch (N, C, T, H, W) into one pooled feature vector
/// per sample, optionally followed by its own torchvision classifier (<c>fc</c>, or <c>classifier.1</c> for
/// MobileNetV2). The video classifiers use it without a classifier and add their own.
/// </summary>
public abstract class FeatureBackbone : KeyedModule
{
    /// <summary>Creates the backbone; <paramref name="name"/> is TorchSharp's display name.</summary>
    protected FeatureBackbone(string name) : base(name) { }

    /// <summary>Width of the pooled feature vector.</summary>
    public abstract int FeatureChannels { get; }

    /// <summary>True for (N, C, T, H, W) clip backbones, false for (N, C, H, W) image backbones.</summary>
    public abstract bool IsSpatioTemporal { get; }

    /// <summary>Input channels the stem expects (3 for RGB).</summary>
    public abstract int InputChannels { get; }

    /// <summary>Pooled features (N, <see cref="FeatureChannels"/>), without the classifier.</summary>
    public abstract Tensor ExtractFeatures(Tensor input);

    /// <summary>Throws a shape error naming the backbone, the expected and the actual shape.</summary>
    protected void CheckInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long rank = IsSpatioTemporal ? 5 : 4;
        if (input.dim() != rank || input.shape[1] != InputChannels)
        {
            string expected = IsSpatioTemporal ? $"(N, {InputChannels}, T, H, W)" : $"(N, {InputChannels}, H, W)";
            throw new ArgumentException($"{GetType().Name}: expected an input of shape {expected}, got ({string.Join(", ", input.shape)}).", nameof(input));
        }
    }
}
