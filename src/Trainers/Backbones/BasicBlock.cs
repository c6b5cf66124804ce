using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The two-conv residual block of ResNet-18/34 (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016,
/// Fig. 2), with torchvision's names: <c>conv1</c> (3x3, stride), <c>bn1</c>, <c>relu</c>, <c>conv2</c> (3x3),
/// <c>bn2</c>, <c>downsample</c> (1x1 conv + BN when the shape changes). A method may wrap <c>conv1</c> (TSM) or
/// insert a module after <c>conv2</c>, before <c>bn2</c> (GSF, as the official Bottleneck does after its last conv).
/// </summary>
public sealed class BasicBlock : KeyedModule
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 1;

    private readonly nn.Module<Tensor, Tensor> _conv1;
    private readonly RaceFreeBatchNorm _bn1;
    private readonly ReLU _relu;
    private readonly Conv2d _conv2;
    private readonly RaceFreeBatchNorm _bn2;
    private readonly Sequential? _downsample;
    private readonly nn.Module<Tensor, Tensor>? _afterConv2;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Channels of the block input.</param>
    /// <param name="planes">Width of both convs (= output channels).</param>
    /// <param name="stride">Stride of <c>conv1</c> and of the shortcut.</param>
    /// <param name="insertion">What the temporal method builds into the residual branch.</param>
    public BasicBlock(int inChannels, int planes, int stride, IResidualBranchInsertion insertion) : base(nameof(BasicBlock))
    {
        ArgumentNullException.ThrowIfNull(insertion);
        OutChannels = planes * Expansion;
        _conv1 = Add("conv1", insertion.WrapFirstConv(nn.Conv2d(inChannels, planes, 3, stride: stride, padding: 1, bias: false), inChannels));
        _bn1 = Add("bn1", RaceFreeBatchNorm.TwoD(planes));
        _relu = Add("relu", nn.ReLU());
        _conv2 = Add("conv2", nn.Conv2d(planes, planes, 3, padding: 1, bias: false));
        _bn2 = Add("bn2", RaceFreeBatchNorm.TwoD(planes));
        _downsample = ResNet.MakeDownsample(inChannels, OutChannels, stride) is { } shortcut ? Add("downsample", shortcut) : null;
        if (insertion.CreateAfterLastConv(planes) is { } inserted) _afterConv2 = Add(inserted.Key, inserted.Module);
    }

    /// <summary>Channels of the block output.</summary>
    public int OutChannels { get; }

    /// <summary>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = _conv1.call(input);
        x = _relu.call(_bn1.call(x));
        x = _conv2.call(x);
        if (_afterConv2 is not null) x = _afterConv2.call(x);
        x = _bn2.call(x);
        var shortcut = _downsample is null ? input : _downsample.call(input);
        return _relu.call(x.add(shortcut, NativeScalars.One));
    }
}
