using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The two-conv residual block of ResNet-18/34 (He et al., CVPR 2016, Fig. 2 left), with torchvision's names:
/// <c>conv1</c> (3x3, stride), <c>bn1</c>, <c>relu</c>, <c>conv2</c> (3x3), <c>bn2</c>, <c>downsample</c>.
/// </summary>
public sealed class BasicBlock : ResNetBlock
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 1;

    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;

    /// <summary>Creates the block; a shortcut projection is added when the stride or channel count changes.</summary>
    public BasicBlock(int inChannels, int planes, int stride = 1)
        : base(inChannels, planes, planes * Expansion, stride)
    {
        SetConv1(new Conv2d(inChannels, planes, 3, stride: stride, padding: 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(planes));
        RegisterModule("relu", new ReLU());
        _conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(planes));
        SetDownsample(MakeDownsample(inChannels, OutChannels, stride));
    }

    /// <inheritdoc/>
    public override int LastConvChannels => Planes;

    /// <summary>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), (N, C, H, W) -> (N, C', H/s, W/s).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = Conv1.Forward(input);
        x = _bn1.Forward(x).Relu();
        x = _conv2.Forward(x);
        x = ApplyAfterLastConv(x);
        x = _bn2.Forward(x);
        var shortcut = Downsample is null ? input : Downsample.Forward(input);
        return (x + shortcut).Relu();
    }
}
