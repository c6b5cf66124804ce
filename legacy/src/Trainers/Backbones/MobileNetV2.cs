using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's MobileNetV2 (Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", CVPR 2018)
/// with its exact state-dict names: <c>features.0</c> (stem conv-BN-ReLU6), <c>features.1</c>..<c>features.17</c>
/// (<see cref="InvertedResidual"/> blocks), <c>features.18</c> (1x1 conv-BN-ReLU6 to 1280), and
/// <c>classifier.1</c> (after <c>classifier.0</c> = dropout 0.2). Widths follow torchvision's
/// <c>_make_divisible(c * width_mult, 8)</c>.
/// </summary>
public sealed class MobileNetV2 : ImageBackbone
{
    // (expansion t, channels c, repeats n, first stride s): Table 2 of the paper.
    private static readonly (int T, int C, int N, int S)[] Settings =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    private readonly LayerChain _features;

    /// <summary>Builds the network with torchvision's initialisation.</summary>
    /// <param name="numClasses">Classifier outputs (ignored when <paramref name="includeTop"/> is false).</param>
    /// <param name="widthMultiplier">torchvision's <c>width_mult</c> (1 = the standard network).</param>
    /// <param name="includeTop">False builds a feature extractor without <c>classifier</c>.</param>
    /// <param name="dropout">Dropout probability of <c>classifier.0</c> (torchvision: 0.2).</param>
    /// <param name="generator">Random source of the initialisation (seedable), or the default generator.</param>
    public MobileNetV2(int numClasses = 1000, double widthMultiplier = 1.0, bool includeTop = true, float dropout = 0.2f, Generator? generator = null)
    {
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "MobileNetV2: widthMultiplier must be positive.");
        if (includeTop && numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "MobileNetV2: numClasses must be positive.");
        WidthMultiplier = widthMultiplier;

        int inChannels = MakeDivisible(32 * widthMultiplier, 8);
        int lastChannels = MakeDivisible(1280 * Math.Max(1.0, widthMultiplier), 8);
        var features = new List<Module> { InvertedResidual.ConvBnReLU6(3, inChannels, 3, 2, 1) };
        foreach (var (t, c, n, s) in Settings)
        {
            int outChannels = MakeDivisible(c * widthMultiplier, 8);
            for (int i = 0; i < n; i++)
            {
                features.Add(new InvertedResidual(inChannels, outChannels, i == 0 ? s : 1, t));
                inChannels = outChannels;
            }
        }
        features.Add(InvertedResidual.ConvBnReLU6(inChannels, lastChannels, 1, 1, 1));
        _features = RegisterModule("features", new LayerChain([.. features]));
        FeatureDim = lastChannels;
        if (includeTop) SetHead(new LayerChain(new Dropout(dropout, generator), new Linear(lastChannels, numClasses, generator: generator)));

        TorchvisionInit.Apply(this, generator, linearStd: 0.01);
    }

    /// <summary>The channel multiplier it was built with.</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public override int FeatureDim { get; }

    /// <inheritdoc/>
    public override string HeadName => "classifier";

    /// <summary>The feature layers (<c>features.N</c>).</summary>
    public LayerChain Features => _features;

    /// <summary>(N, 3, H, W) -> (N, classes), or (N, <see cref="FeatureDim"/>) without a classifier.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != 3)
            throw new ShapeMismatchException($"MobileNetV2: expected an (N, 3, H, W) input, got {ShapeHelper.Format(input.Shape)}.");
        var x = _features.Forward(input);
        x = Functional.AdaptiveAvgPool2d(x, 1).Flatten(1);   // (N, C, h, w) -> (N, C)
        return Head is null ? x : Head.Forward(x);
    }

    /// <summary>torchvision's <c>_make_divisible</c>: round to a multiple of the divisor without losing more than 10%.</summary>
    internal static int MakeDivisible(double value, int divisor)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) rounded += divisor;
        return rounded;
    }
}
