using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// MobileNetV2's inverted residual block (Sandler et al., CVPR 2018, Fig. 3b / Table 1) with torchvision's names:
/// <c>conv.0</c> = 1x1 expansion conv-BN-ReLU6 (absent when the expansion ratio is 1), then the 3x3 depthwise
/// conv-BN-ReLU6, then the linear 1x1 projection conv and its BN; keys such as <c>conv.0.0.weight</c>,
/// <c>conv.1.1.running_mean</c>, <c>conv.2.weight</c>, <c>conv.3.bias</c>.
/// </summary>
public sealed class InvertedResidual : Module
{
    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Stride of the depthwise conv (1 or 2).</param>
    /// <param name="expandRatio">Hidden width = round(inChannels * expandRatio).</param>
    public InvertedResidual(int inChannels, int outChannels, int stride, int expandRatio)
    {
        if (stride is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stride), stride, "InvertedResidual: stride must be 1 or 2.");
        if (expandRatio <= 0) throw new ArgumentOutOfRangeException(nameof(expandRatio), expandRatio, "InvertedResidual: expandRatio must be positive.");
        InChannels = inChannels;
        OutChannels = outChannels;
        int hidden = (int)Math.Round((double)inChannels * expandRatio, MidpointRounding.ToEven);
        UsesResidual = stride == 1 && inChannels == outChannels;

        var layers = new List<Module>();
        if (expandRatio != 1) layers.Add(ConvBnReLU6(inChannels, hidden, 1, 1, 1));
        layers.Add(ConvBnReLU6(hidden, hidden, 3, stride, hidden));
        layers.Add(new Conv2d(hidden, outChannels, 1, bias: false));
        layers.Add(new BatchNorm2d(outChannels));
        Conv = RegisterModule("conv", new LayerChain([.. layers]));
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>True when the block adds its input (stride 1 and equal channel counts).</summary>
    public bool UsesResidual { get; }

    /// <summary>The block's layers (<c>conv</c>); methods may wrap its children in place.</summary>
    public LayerChain Conv { get; }

    /// <summary>x + conv(x) when <see cref="UsesResidual"/>, else conv(x).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var y = Conv.Forward(input);
        return UsesResidual ? input + y : y;
    }

    /// <summary>torchvision's <c>Conv2dNormActivation</c> with ReLU6: keys <c>0.weight</c>, <c>1.*</c>.</summary>
    internal static LayerChain ConvBnReLU6(int inChannels, int outChannels, int kernel, int stride, int groups) =>
        new(new Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
            new BatchNorm2d(outChannels),
            new ReLU6());
}
