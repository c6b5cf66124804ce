using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// MobileNetV2's inverted residual block (Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
/// CVPR 2018, Table 1) with torchvision's names: <c>conv.0</c> = 1x1 expansion conv-BN-ReLU6 (absent when the
/// expansion ratio is 1), then the 3x3 depthwise conv-BN-ReLU6, then the linear 1x1 projection conv and its BN
/// (keys <c>conv.0.0.weight</c>, <c>conv.1.1.running_mean</c>, <c>conv.2.weight</c>, <c>conv.3.bias</c>).
/// </summary>
public sealed class InvertedResidual : KeyedModule
{
    private readonly Sequential _conv;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Stride of the depthwise conv (1 or 2).</param>
    /// <param name="expandRatio">Hidden width = round(inChannels * expandRatio).</param>
    /// <param name="insertion">
    /// A temporal method's wrapper for the expansion conv of blocks with a residual connection (the official TSM
    /// MobileNetV2 shifts there, key <c>conv.0.net.0.weight</c>); null for none.
    /// </param>
    public InvertedResidual(int inChannels, int outChannels, int stride, int expandRatio, IResidualBranchInsertion? insertion = null) : base(nameof(InvertedResidual))
    {
        if (stride is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stride), stride, "InvertedResidual: stride must be 1 or 2.");
        if (expandRatio <= 0) throw new ArgumentOutOfRangeException(nameof(expandRatio), expandRatio, "InvertedResidual: expandRatio must be positive.");
        insertion ??= NoInsertion.Instance;
        UsesResidual = stride == 1 && inChannels == outChannels;
        int hidden = (int)Math.Round((double)inChannels * expandRatio, MidpointRounding.ToEven);

        var layers = nn.Sequential();
        if (expandRatio != 1)
        {
            var expand = ConvBnReLU6(inChannels, hidden, 1, 1, 1);
            layers.append(UsesResidual ? insertion.WrapFirstConv(expand, inChannels) : expand);
        }
        layers.append(ConvBnReLU6(hidden, hidden, 3, stride, hidden));
        layers.append(nn.Conv2d(hidden, outChannels, 1, bias: false));
        layers.append(RaceFreeBatchNorm.TwoD(outChannels));
        _conv = Add("conv", layers);
    }

    /// <summary>True when the block adds its input (stride 1 and equal channel counts).</summary>
    public bool UsesResidual { get; }

    /// <summary>x + conv(x) when <see cref="UsesResidual"/>, else conv(x).</summary>
    public override Tensor forward(Tensor input)
    {
        var y = _conv.call(input);
        return UsesResidual ? input.add(y, NativeScalars.One) : y;
    }

    /// <summary>torchvision's <c>Conv2dNormActivation</c> with ReLU6 (keys <c>0.weight</c>, <c>1.*</c>).</summary>
    internal static Sequential ConvBnReLU6(int inChannels, int outChannels, int kernel, int stride, int groups) =>
        nn.Sequential(
            nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
            RaceFreeBatchNorm.TwoD(outChannels),
            nn.ReLU6());
}
