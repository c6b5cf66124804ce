using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's 3-D ResNet in the R3D layout (Tran et al., CVPR 2018; <c>torchvision.models.video.resnet</c>) with
/// its exact state-dict names: <c>stem.0</c> (conv 3x7x7, stride 1x2x2), <c>stem.1</c> (BN), <c>layer1</c>..<c>layer4</c>,
/// <c>avgpool</c>, <c>fc</c>. The variant is data: <see cref="ResNetVariant.ResNet18"/> gives <c>r3d_18</c>
/// (<see cref="VideoBasicBlock"/>), <see cref="ResNetVariant.ResNet50"/> a 3-D ResNet-50 of <see cref="VideoBottleneck"/>
/// blocks in the same naming pattern. Input (N, C, T, H, W); layers 2-4 halve T, H and W.
/// </summary>
public sealed class VideoResNet : FeatureBackbone
{
    private static readonly int[] BaseWidths = [64, 128, 256, 512];

    private readonly Sequential _stem;
    private readonly Sequential[] _layers;
    private readonly AdaptiveAvgPool3d _avgpool;
    private readonly Linear? _fc;

    /// <summary>Builds the network with torchvision's initialisation.</summary>
    /// <param name="variant">Block kind and depth table.</param>
    /// <param name="numClasses">Outputs of <c>fc</c> (torchvision: 400, Kinetics), or null for a feature extractor.</param>
    /// <param name="widthMultiplier">Scales every base width (rounded to a multiple of 8); 1 = torchvision.</param>
    /// <param name="inputChannels">Channels of the input clips (3 for RGB).</param>
    /// <param name="generator">Random source of the initialisation, or null for TorchSharp's default generator.</param>
    public VideoResNet(ResNetVariant variant, int? numClasses = 400, double widthMultiplier = 1.0, int inputChannels = 3, Generator? generator = null)
        : base(nameof(VideoResNet))
    {
        ArgumentNullException.ThrowIfNull(variant);
        variant.Check();
        WidthScaling.Check(widthMultiplier, nameof(VideoResNet));
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "VideoResNet: numClasses must be positive.");
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "VideoResNet: inputChannels must be positive.");
        Variant = variant;
        WidthMultiplier = widthMultiplier;
        InputChannels = inputChannels;

        int stem = WidthScaling.Scale(BaseWidths[0], widthMultiplier);
        _stem = Add("stem", nn.Sequential(
            nn.Conv3d(inputChannels, stem, (3, 7, 7), stride: (1, 2, 2), padding: (1, 3, 3), bias: false),
            RaceFreeBatchNorm.ThreeD(stem),
            nn.ReLU()));
        _layers = new Sequential[4];
        int channels = stem;
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = WidthScaling.Scale(BaseWidths[stage], widthMultiplier);
            (var layer, channels) = MakeLayer(variant.Block, channels, planes, variant.Depths[stage], stage == 0 ? 1 : 2);
            _layers[stage] = Add($"layer{stage + 1}", layer);
        }
        FeatureChannels = channels;
        _avgpool = Add("avgpool", nn.AdaptiveAvgPool3d(1));
        if (numClasses is int classes) _fc = Add("fc", nn.Linear(channels, classes));
        TorchvisionInit.Apply3d(this, generator);
    }

    /// <summary>torchvision <c>r3d_18()</c> at width 1.</summary>
    public static VideoResNet R3d18(int? numClasses = 400, double widthMultiplier = 1.0, Generator? generator = null) =>
        new(ResNetVariant.ResNet18, numClasses, widthMultiplier, generator: generator);

    /// <summary>A 3-D ResNet-50 of R3D bottlenecks (3-4-6-3) at width 1.</summary>
    public static VideoResNet R3d50(int? numClasses = 400, double widthMultiplier = 1.0, Generator? generator = null) =>
        new(ResNetVariant.ResNet50, numClasses, widthMultiplier, generator: generator);

    /// <summary>Block kind and depth table.</summary>
    public ResNetVariant Variant { get; }

    /// <summary>The width multiplier it was built with.</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public override int FeatureChannels { get; }

    /// <inheritdoc/>
    public override bool IsSpatioTemporal => true;

    /// <inheritdoc/>
    public override int InputChannels { get; }

    /// <summary>(N, C, T, H, W) -> logits (N, classes), or features (N, <see cref="FeatureChannels"/>) without <c>fc</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        var features = ExtractFeatures(input);
        return _fc is null ? features : _fc.call(features);
    }

    /// <inheritdoc/>
    public override Tensor ExtractFeatures(Tensor input)
    {
        CheckInput(input);
        var x = _stem.call(input);
        foreach (var layer in _layers) x = layer.call(x);
        return _avgpool.call(x).flatten(1);   // (N, C, 1, 1, 1) -> (N, C)
    }

    /// <summary>One stage: the first block takes the stride (and a shortcut projection when the shape changes).</summary>
    /// <returns>The stage and its output channels.</returns>
    internal static (Sequential Layer, int OutChannels) MakeLayer(ResNetBlockKind kind, int inChannels, int planes, int blocks, int stride)
    {
        var layer = nn.Sequential();
        int channels = inChannels;
        for (int b = 0; b < blocks; b++)
        {
            int blockStride = b == 0 ? stride : 1;
            if (kind == ResNetBlockKind.Bottleneck)
            {
                var block = new VideoBottleneck(channels, planes, blockStride);
                channels = block.OutChannels;
                layer.append(block);
            }
            else
            {
                var block = new VideoBasicBlock(channels, planes, blockStride);
                channels = block.OutChannels;
                layer.append(block);
            }
        }
        return (layer, channels);
    }

    /// <summary>torchvision's <c>Conv3DSimple</c>: 3x3x3, padding 1, the same stride in T, H and W, no bias.</summary>
    internal static Conv3d Conv3x3x3(int inChannels, int outChannels, int stride) =>
        nn.Conv3d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);

    /// <summary>The 3-D shortcut: 1x1x1 conv (stride) + BN when the stride or channel count changes, else null.</summary>
    internal static Sequential? MakeDownsample(int inChannels, int outChannels, int stride) =>
        stride != 1 || inChannels != outChannels
            ? nn.Sequential(nn.Conv3d(inChannels, outChannels, 1, stride: stride, bias: false), RaceFreeBatchNorm.ThreeD(outChannels))
            : null;
}
