using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The residual block of torchvision's R3D (Tran et al., "A Closer Look at Spatiotemporal Convolutions for Action
/// Recognition", CVPR 2018) with full 3x3x3 convs and torchvision's names: <c>conv1.0</c> (conv, stride),
/// <c>conv1.1</c> (BN), ReLU; <c>conv2.0</c>, <c>conv2.1</c>; <c>relu</c>; <c>downsample.0</c>/<c>downsample.1</c>.
/// </summary>
public sealed class VideoBasicBlock : KeyedModule
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 1;

    private readonly Sequential _conv1;
    private readonly Sequential _conv2;
    private readonly ReLU _relu;
    private readonly Sequential? _downsample;

    /// <summary>Creates the block; the stride applies to T, H and W (torchvision's <c>Conv3DSimple</c>).</summary>
    public VideoBasicBlock(int inChannels, int planes, int stride) : base(nameof(VideoBasicBlock))
    {
        OutChannels = planes * Expansion;
        _conv1 = Add("conv1", nn.Sequential(VideoResNet.Conv3x3x3(inChannels, planes, stride), RaceFreeBatchNorm.ThreeD(planes), nn.ReLU()));
        _conv2 = Add("conv2", nn.Sequential(VideoResNet.Conv3x3x3(planes, planes, 1), RaceFreeBatchNorm.ThreeD(planes)));
        _relu = Add("relu", nn.ReLU());
        _downsample = VideoResNet.MakeDownsample(inChannels, OutChannels, stride) is { } shortcut ? Add("downsample", shortcut) : null;
    }

    /// <summary>Channels of the block output.</summary>
    public int OutChannels { get; }

    /// <summary>relu(conv2(conv1(x)) + shortcut(x)) on (N, C, T, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = _conv2.call(_conv1.call(input));
        var shortcut = _downsample is null ? input : _downsample.call(input);
        return _relu.call(x.add(shortcut, NativeScalars.One));
    }
}
