using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's ResNet (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016) with its exact
/// state-dict names: <c>conv1</c>, <c>bn1</c>, <c>relu</c>, <c>maxpool</c>, <c>layer1</c>..<c>layer4</c> (blocks
/// <c>layerK.J</c>), <c>avgpool</c>, <c>fc</c>. A width multiplier scales every channel count (stem 64*m, stages
/// 64m/128m/256m/512m x expansion) so tiny variants train on a CPU; m = 1 is torchvision's network.
/// </summary>
public sealed class ResNet : ImageBackbone
{
    private static readonly int[] DepthsBasic18 = [2, 2, 2, 2];
    private static readonly int[] Depths34And50 = [3, 4, 6, 3];

    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly MaxPool2d _maxpool;
    private readonly LayerChain[] _layers;
    private readonly AdaptiveAvgPool2d _avgpool;

    /// <summary>Builds the network with torchvision's initialisation.</summary>
    /// <param name="depth">Which ResNet (18, 34 or 50).</param>
    /// <param name="numClasses">Classifier outputs (ignored when <paramref name="includeTop"/> is false).</param>
    /// <param name="widthMultiplier">Scales all channel counts (1 = torchvision); each width is rounded, at least 1.</param>
    /// <param name="includeTop">False builds a feature extractor without <c>fc</c> (output (N, <see cref="FeatureDim"/>)).</param>
    /// <param name="generator">Random source of the initialisation (seedable), or the default generator.</param>
    public ResNet(ResNetDepth depth, int numClasses = 1000, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null)
    {
        if (!Enum.IsDefined(depth)) throw new ArgumentOutOfRangeException(nameof(depth), depth, "ResNet: unknown depth.");
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "ResNet: widthMultiplier must be positive.");
        if (includeTop && numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "ResNet: numClasses must be positive.");

        Depth = depth;
        WidthMultiplier = widthMultiplier;
        bool bottleneck = depth == ResNetDepth.ResNet50;
        int[] depths = depth == ResNetDepth.ResNet18 ? DepthsBasic18 : Depths34And50;
        int expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;

        int stem = ScaledWidth(64, widthMultiplier);
        _conv1 = RegisterModule("conv1", new Conv2d(3, stem, 7, stride: 2, padding: 3, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(stem));
        RegisterModule("relu", new ReLU());
        _maxpool = RegisterModule("maxpool", new MaxPool2d(3, stride: 2, padding: 1));

        _layers = new LayerChain[4];
        int inChannels = stem;
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = ScaledWidth(64 << stage, widthMultiplier);
            int stride = stage == 0 ? 1 : 2;
            var blocks = new Module[depths[stage]];
            for (int b = 0; b < blocks.Length; b++)
            {
                blocks[b] = bottleneck
                    ? new Bottleneck(inChannels, planes, b == 0 ? stride : 1)
                    : new BasicBlock(inChannels, planes, b == 0 ? stride : 1);
                inChannels = planes * expansion;
            }
            _layers[stage] = RegisterModule($"layer{stage + 1}", new LayerChain(blocks));
        }
        FeatureDim = inChannels;
        _avgpool = RegisterModule("avgpool", new AdaptiveAvgPool2d(1));
        if (includeTop) SetHead(new Linear(FeatureDim, numClasses, generator: generator));

        TorchvisionInit.Apply(this, generator);
    }

    /// <summary>ResNet-18 (torchvision <c>resnet18()</c> when <paramref name="widthMultiplier"/> is 1).</summary>
    public static ResNet ResNet18(int numClasses = 1000, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null) =>
        new(ResNetDepth.ResNet18, numClasses, widthMultiplier, includeTop, generator);

    /// <summary>ResNet-34 (torchvision <c>resnet34()</c> when <paramref name="widthMultiplier"/> is 1).</summary>
    public static ResNet ResNet34(int numClasses = 1000, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null) =>
        new(ResNetDepth.ResNet34, numClasses, widthMultiplier, includeTop, generator);

    /// <summary>ResNet-50 (torchvision <c>resnet50()</c> when <paramref name="widthMultiplier"/> is 1).</summary>
    public static ResNet ResNet50(int numClasses = 1000, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null) =>
        new(ResNetDepth.ResNet50, numClasses, widthMultiplier, includeTop, generator);

    /// <summary>Which ResNet this is.</summary>
    public ResNetDepth Depth { get; }

    /// <summary>The channel multiplier it was built with.</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public override int FeatureDim { get; }

    /// <inheritdoc/>
    public override string HeadName => "fc";

    /// <summary>Every residual block, stage by stage (<c>layer1.0</c>, <c>layer1.1</c>, ...).</summary>
    public IEnumerable<ResNetBlock> Blocks => _layers.SelectMany(layer => layer.Children().Cast<ResNetBlock>());

    /// <summary>(N, 3, H, W) -> (N, classes), or (N, <see cref="FeatureDim"/>) without a classifier.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != 3)
            throw new ShapeMismatchException($"ResNet: expected an (N, 3, H, W) input, got {ShapeHelper.Format(input.Shape)}.");
        var x = _conv1.Forward(input);
        x = _bn1.Forward(x).Relu();
        x = _maxpool.Forward(x);
        foreach (var layer in _layers) x = layer.Forward(x);
        x = _avgpool.Forward(x).Flatten(1);   // (N, C, 1, 1) -> (N, C)
        return Head is null ? x : Head.Forward(x);
    }

    /// <summary>64 * m style rounding used for every width: nearest integer, at least 1.</summary>
    internal static int ScaledWidth(int baseWidth, double multiplier) => Math.Max(1, (int)Math.Round(baseWidth * multiplier));
}
