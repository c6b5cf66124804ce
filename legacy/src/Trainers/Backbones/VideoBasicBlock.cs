using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The residual block of torchvision's video ResNets with full 3x3x3 convs (R3D, Tran et al., "A Closer Look at
/// Spatiotemporal Convolutions for Action Recognition", CVPR 2018), with torchvision's names: <c>conv1.0</c> (conv),
/// <c>conv1.1</c> (BN), ReLU; <c>conv2.0</c>, <c>conv2.1</c>; <c>downsample.0</c>/<c>downsample.1</c>.
/// </summary>
public sealed class VideoBasicBlock : Module
{
    private readonly LayerChain _conv1;
    private readonly LayerChain _conv2;
    private readonly Sequential? _downsample;

    /// <summary>Creates the block; the stride applies to T, H and W, as in torchvision's <c>Conv3DSimple</c>.</summary>
    public VideoBasicBlock(int inChannels, int planes, int stride = 1)
    {
        if (inChannels <= 0 || planes <= 0 || stride <= 0)
            throw new ArgumentOutOfRangeException(nameof(planes), $"VideoBasicBlock: inChannels {inChannels}, planes {planes} and stride {stride} must be positive.");
        _conv1 = RegisterModule("conv1", new LayerChain(
            new Conv3d(inChannels, planes, 3, stride: stride, padding: 1, bias: false), new BatchNorm3d(planes), new ReLU()));
        _conv2 = RegisterModule("conv2", new LayerChain(
            new Conv3d(planes, planes, 3, padding: 1, bias: false), new BatchNorm3d(planes)));
        RegisterModule("relu", new ReLU());
        if (stride != 1 || inChannels != planes)
            _downsample = RegisterModule("downsample", new Sequential(
                new Conv3d(inChannels, planes, 1, stride: stride, bias: false), new BatchNorm3d(planes)));
    }

    /// <summary>relu(conv2(conv1(x)) + shortcut(x)) on (N, C, T, H, W).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = _conv2.Forward(_conv1.Forward(input));
        var shortcut = _downsample is null ? input : _downsample.Forward(input);
        return (x + shortcut).Relu();
    }
}
