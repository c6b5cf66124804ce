using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's MobileNetV2 (Sandler et al., CVPR 2018) with its exact state-dict names: <c>features.0</c> (stem
/// conv-BN-ReLU6), <c>features.1</c>..<c>features.17</c> (<see cref="InvertedResidual"/>), <c>features.18</c> (1x1
/// conv-BN-ReLU6 to 1280), then <c>classifier.0</c> (dropout 0.2) and <c>classifier.1</c> (linear). Widths follow
/// torchvision's <c>_make_divisible(c * width_mult, 8)</c>.
/// </summary>
public sealed class MobileNetV2 : FeatureBackbone
{
    // (expansion t, channels c, repeats n, first stride s): Table 2 of the paper.
    private static readonly (int T, int C, int N, int S)[] Settings =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    private readonly Sequential _features;
    private readonly AdaptiveAvgPool2d _pool;
    private readonly Sequential? _classifier;

    /// <summary>Builds the network with torchvision's initialisation.</summary>
    /// <param name="numClasses">Outputs of <c>classifier.1</c>, or null for a feature extractor without the classifier.</param>
    /// <param name="widthMultiplier">torchvision's <c>width_mult</c> (1 = the standard network).</param>
    /// <param name="insertion">A temporal method's wrapper for the residual blocks' expansion convs (TSM); null for none.</param>
    /// <param name="inputChannels">Channels of the input images (3 for RGB).</param>
    /// <param name="dropout">Dropout probability of <c>classifier.0</c> (torchvision: 0.2).</param>
    /// <param name="generator">Random source of the initialisation, or null for TorchSharp's default generator.</param>
    public MobileNetV2(int? numClasses = 1000, double widthMultiplier = 1.0, IResidualBranchInsertion? insertion = null,
        int inputChannels = 3, double dropout = 0.2, Generator? generator = null) : base(nameof(MobileNetV2))
    {
        WidthScaling.Check(widthMultiplier, nameof(MobileNetV2));
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "MobileNetV2: numClasses must be positive.");
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "MobileNetV2: inputChannels must be positive.");
        WidthMultiplier = widthMultiplier;
        InputChannels = inputChannels;

        int channels = WidthScaling.MakeDivisible(32 * widthMultiplier, 8);
        int lastChannels = WidthScaling.MakeDivisible(1280 * Math.Max(1.0, widthMultiplier), 8);
        var features = nn.Sequential();
        features.append(InvertedResidual.ConvBnReLU6(inputChannels, channels, 3, 2, 1));
        foreach (var (t, c, n, s) in Settings)
        {
            int outChannels = WidthScaling.MakeDivisible(c * widthMultiplier, 8);
            for (int i = 0; i < n; i++)
            {
                features.append(new InvertedResidual(channels, outChannels, i == 0 ? s : 1, t, insertion));
                channels = outChannels;
            }
        }
        features.append(InvertedResidual.ConvBnReLU6(channels, lastChannels, 1, 1, 1));
        _features = Add("features", features);
        _pool = Add("avgpool", nn.AdaptiveAvgPool2d(1));
        FeatureChannels = lastChannels;
        if (numClasses is int classes) _classifier = Add("classifier", nn.Sequential(nn.Dropout(dropout), nn.Linear(lastChannels, classes)));
        TorchvisionInit.Apply2d(this, generator, linearStd: 0.01);
    }

    /// <summary>The width multiplier it was built with.</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public override int FeatureChannels { get; }

    /// <inheritdoc/>
    public override bool IsSpatioTemporal => false;

    /// <inheritdoc/>
    public override int InputChannels { get; }

    /// <summary>(N, C, H, W) -> logits (N, classes), or features (N, <see cref="FeatureChannels"/>) without the classifier.</summary>
    public override Tensor forward(Tensor input)
    {
        var features = ExtractFeatures(input);
        return _classifier is null ? features : _classifier.call(features);
    }

    /// <inheritdoc/>
    public override Tensor ExtractFeatures(Tensor input)
    {
        CheckInput(input);
        var x = _features.call(input);
        return _pool.call(x).flatten(1);   // (N, C, h, w) -> (N, C)
    }
}
