using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's 2-D ResNet (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016) with its exact
/// state-dict names: <c>conv1</c>, <c>bn1</c>, <c>relu</c>, <c>maxpool</c>, <c>layer1</c>..<c>layer4</c> (blocks
/// <c>layerK.J</c>), <c>avgpool</c>, <c>fc</c>. The variant (block kind and depth table) is data; a width multiplier
/// scales the base widths 64/128/256/512 (1 = torchvision exactly).
/// </summary>
public sealed class ResNet : FeatureBackbone
{
    private static readonly int[] BaseWidths = [64, 128, 256, 512];

    private readonly Conv2d _conv1;
    private readonly RaceFreeBatchNorm _bn1;
    private readonly ReLU _relu;
    private readonly MaxPool2d _maxpool;
    private readonly Sequential[] _layers;
    private readonly AdaptiveAvgPool2d _avgpool;
    private readonly Linear? _fc;

    /// <summary>Builds the network with torchvision's initialisation.</summary>
    /// <param name="variant">Block kind and depth table (<see cref="ResNetVariant.ResNet18"/>, ...).</param>
    /// <param name="numClasses">Outputs of <c>fc</c>, or null for a feature extractor without it.</param>
    /// <param name="widthMultiplier">Scales every base width (rounded to a multiple of 8); 1 = torchvision.</param>
    /// <param name="insertion">What a temporal method builds into every block's residual branch; null for none.</param>
    /// <param name="inputChannels">Channels of the input images (3 for RGB).</param>
    /// <param name="generator">Random source of the initialisation, or null for TorchSharp's default generator.</param>
    public ResNet(ResNetVariant variant, int? numClasses = 1000, double widthMultiplier = 1.0,
        IResidualBranchInsertion? insertion = null, int inputChannels = 3, Generator? generator = null) : base(nameof(ResNet))
    {
        ArgumentNullException.ThrowIfNull(variant);
        variant.Check();
        WidthScaling.Check(widthMultiplier, nameof(ResNet));
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "ResNet: numClasses must be positive.");
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "ResNet: inputChannels must be positive.");
        insertion ??= NoInsertion.Instance;
        Variant = variant;
        WidthMultiplier = widthMultiplier;
        InputChannels = inputChannels;

        int stem = WidthScaling.Scale(BaseWidths[0], widthMultiplier);
        _conv1 = Add("conv1", nn.Conv2d(inputChannels, stem, 7, stride: 2, padding: 3, bias: false));
        _bn1 = Add("bn1", RaceFreeBatchNorm.TwoD(stem));
        _relu = Add("relu", nn.ReLU());
        _maxpool = Add("maxpool", nn.MaxPool2d(3, stride: 2, padding: 1));
        _layers = new Sequential[4];
        int channels = stem;
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = WidthScaling.Scale(BaseWidths[stage], widthMultiplier);
            (var layer, channels) = MakeLayer(variant.Block, channels, planes, variant.Depths[stage], stage == 0 ? 1 : 2, insertion);
            _layers[stage] = Add($"layer{stage + 1}", layer);
        }
        FeatureChannels = channels;
        _avgpool = Add("avgpool", nn.AdaptiveAvgPool2d(1));
        if (numClasses is int classes) _fc = Add("fc", nn.Linear(channels, classes));
        TorchvisionInit.Apply2d(this, generator);
    }

    /// <summary>torchvision <c>resnet18()</c> at width 1.</summary>
    public static ResNet ResNet18(int? numClasses = 1000, double widthMultiplier = 1.0, IResidualBranchInsertion? insertion = null, Generator? generator = null) =>
        new(ResNetVariant.ResNet18, numClasses, widthMultiplier, insertion, generator: generator);

    /// <summary>torchvision <c>resnet34()</c> at width 1.</summary>
    public static ResNet ResNet34(int? numClasses = 1000, double widthMultiplier = 1.0, IResidualBranchInsertion? insertion = null, Generator? generator = null) =>
        new(ResNetVariant.ResNet34, numClasses, widthMultiplier, insertion, generator: generator);

    /// <summary>torchvision <c>resnet50()</c> at width 1.</summary>
    public static ResNet ResNet50(int? numClasses = 1000, double widthMultiplier = 1.0, IResidualBranchInsertion? insertion = null, Generator? generator = null) =>
        new(ResNetVariant.ResNet50, numClasses, widthMultiplier, insertion, generator: generator);

    /// <summary>Block kind and depth table.</summary>
    public ResNetVariant Variant { get; }

    /// <summary>The width multiplier it was built with.</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public override int FeatureChannels { get; }

    /// <inheritdoc/>
    public override bool IsSpatioTemporal => false;

    /// <inheritdoc/>
    public override int InputChannels { get; }

    /// <summary>(N, C, H, W) -> logits (N, classes), or features (N, <see cref="FeatureChannels"/>) without <c>fc</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        var features = ExtractFeatures(input);
        return _fc is null ? features : _fc.call(features);
    }

    /// <inheritdoc/>
    public override Tensor ExtractFeatures(Tensor input)
    {
        CheckInput(input);
        var x = _conv1.call(input);
        x = _relu.call(_bn1.call(x));
        x = _maxpool.call(x);
        foreach (var layer in _layers) x = layer.call(x);
        return _avgpool.call(x).flatten(1);   // (N, C, 1, 1) -> (N, C)
    }

    /// <summary>
    /// One stage (torchvision's <c>_make_layer</c>, without its mutated <c>self.inplanes</c>): the first block takes the
    /// stride and, when the shape changes, a shortcut projection; the others are plain.
    /// </summary>
    /// <returns>The stage (children <c>0</c>, <c>1</c>, ...) and its output channels.</returns>
    internal static (Sequential Layer, int OutChannels) MakeLayer(ResNetBlockKind kind, int inChannels, int planes, int blocks, int stride, IResidualBranchInsertion insertion)
    {
        var layer = nn.Sequential();
        int channels = inChannels;
        for (int b = 0; b < blocks; b++)
        {
            int blockStride = b == 0 ? stride : 1;
            if (kind == ResNetBlockKind.Bottleneck)
            {
                var block = new Bottleneck(channels, planes, blockStride, insertion);
                channels = block.OutChannels;
                layer.append(block);
            }
            else
            {
                var block = new BasicBlock(channels, planes, blockStride, insertion);
                channels = block.OutChannels;
                layer.append(block);
            }
        }
        return (layer, channels);
    }

    /// <summary>torchvision's shortcut: 1x1 conv (stride) + BN when the stride or channel count changes, else null.</summary>
    internal static Sequential? MakeDownsample(int inChannels, int outChannels, int stride) =>
        stride != 1 || inChannels != outChannels
            ? nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), RaceFreeBatchNorm.TwoD(outChannels))
            : null;
}
