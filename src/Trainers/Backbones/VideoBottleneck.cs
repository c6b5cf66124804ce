using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The 3-D bottleneck block of torchvision's <c>VideoResNet</c> with the R3D conv builder (full 3x3x3 middle conv),
/// as used for a 3-D ResNet-50: <c>conv1</c> = 1x1x1 conv-BN-ReLU, <c>conv2</c> = 3x3x3 conv (stride)-BN-ReLU,
/// <c>conv3</c> = 1x1x1 conv (x4)-BN, <c>relu</c>, <c>downsample</c>; keys <c>conv1.0.weight</c>, <c>conv3.1.bias</c>, ...
/// </summary>
public sealed class VideoBottleneck : KeyedModule
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 4;

    private readonly Sequential _conv1;
    private readonly Sequential _conv2;
    private readonly Sequential _conv3;
    private readonly ReLU _relu;
    private readonly Sequential? _downsample;

    /// <summary>Creates the block; the stride (T, H and W) is in <c>conv2</c>, as in torchvision.</summary>
    public VideoBottleneck(int inChannels, int planes, int stride) : base(nameof(VideoBottleneck))
    {
        OutChannels = planes * Expansion;
        _conv1 = Add("conv1", nn.Sequential(nn.Conv3d(inChannels, planes, 1, bias: false), RaceFreeBatchNorm.ThreeD(planes), nn.ReLU()));
        _conv2 = Add("conv2", nn.Sequential(VideoResNet.Conv3x3x3(planes, planes, stride), RaceFreeBatchNorm.ThreeD(planes), nn.ReLU()));
        _conv3 = Add("conv3", nn.Sequential(nn.Conv3d(planes, OutChannels, 1, bias: false), RaceFreeBatchNorm.ThreeD(OutChannels)));
        _relu = Add("relu", nn.ReLU());
        _downsample = VideoResNet.MakeDownsample(inChannels, OutChannels, stride) is { } shortcut ? Add("downsample", shortcut) : null;
    }

    /// <summary>Channels of the block output.</summary>
    public int OutChannels { get; }

    /// <summary>relu(conv3(conv2(conv1(x))) + shortcut(x)) on (N, C, T, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = _conv3.call(_conv2.call(_conv1.call(input)));
        var shortcut = _downsample is null ? input : _downsample.call(input);
        return _relu.call(x.add(shortcut, NativeScalars.One));
    }
}
