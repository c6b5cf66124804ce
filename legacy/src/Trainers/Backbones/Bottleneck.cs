using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The bottleneck residual block of ResNet-50 (He et al., CVPR 2016, Fig. 5 right) in torchvision's "v1.5" form
/// (stride in the 3x3 conv), with torchvision's names: <c>conv1</c> (1x1), <c>bn1</c>, <c>conv2</c> (3x3, stride),
/// <c>bn2</c>, <c>conv3</c> (1x1, x4), <c>bn3</c>, <c>relu</c>, <c>downsample</c>.
/// </summary>
public sealed class Bottleneck : ResNetBlock
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 4;

    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Conv2d _conv3;
    private readonly BatchNorm2d _bn3;

    /// <summary>Creates the block; a shortcut projection is added when the stride or channel count changes.</summary>
    public Bottleneck(int inChannels, int planes, int stride = 1)
        : base(inChannels, planes, planes * Expansion, stride)
    {
        SetConv1(new Conv2d(inChannels, planes, 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(planes));
        _conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(planes));
        _conv3 = RegisterModule("conv3", new Conv2d(planes, OutChannels, 1, bias: false));
        _bn3 = RegisterModule("bn3", new BatchNorm2d(OutChannels));
        RegisterModule("relu", new ReLU());
        SetDownsample(MakeDownsample(inChannels, OutChannels, stride));
    }

    /// <inheritdoc/>
    public override int LastConvChannels => OutChannels;

    /// <summary>relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut(x)).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = Conv1.Forward(input);
        x = _bn1.Forward(x).Relu();
        x = _conv2.Forward(x);
        x = _bn2.Forward(x).Relu();
        x = _conv3.Forward(x);
        x = ApplyAfterLastConv(x);
        x = _bn3.Forward(x);
        var shortcut = Downsample is null ? input : Downsample.Forward(input);
        return (x + shortcut).Relu();
    }
}
