using MLVideo.Trainers.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The bottleneck block of ResNet-50 (He et al., CVPR 2016, Fig. 5 right) in torchvision's "v1.5" form (stride in
/// the 3x3 conv), with torchvision's names: <c>conv1</c> (1x1), <c>bn1</c>, <c>conv2</c> (3x3, stride), <c>bn2</c>,
/// <c>conv3</c> (1x1, x4), <c>bn3</c>, <c>relu</c>, <c>downsample</c>. A method may wrap <c>conv1</c> (TSM, key
/// <c>conv1.net.weight</c>) or insert a module after <c>conv3</c>, before <c>bn3</c> (GSF, official
/// <c>resnetGSFModels.Bottleneck</c>, keys <c>gsf.*</c> after <c>downsample.*</c>).
/// </summary>
public sealed class Bottleneck : KeyedModule
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const int Expansion = 4;

    private readonly nn.Module<Tensor, Tensor> _conv1;
    private readonly RaceFreeBatchNorm _bn1;
    private readonly Conv2d _conv2;
    private readonly RaceFreeBatchNorm _bn2;
    private readonly Conv2d _conv3;
    private readonly RaceFreeBatchNorm _bn3;
    private readonly ReLU _relu;
    private readonly Sequential? _downsample;
    private readonly nn.Module<Tensor, Tensor>? _afterConv3;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Channels of the block input.</param>
    /// <param name="planes">Inner width; the output has <c>planes * 4</c> channels.</param>
    /// <param name="stride">Stride of <c>conv2</c> and of the shortcut.</param>
    /// <param name="insertion">What the temporal method builds into the residual branch.</param>
    public Bottleneck(int inChannels, int planes, int stride, IResidualBranchInsertion insertion) : base(nameof(Bottleneck))
    {
        ArgumentNullException.ThrowIfNull(insertion);
        OutChannels = planes * Expansion;
        _conv1 = Add("conv1", insertion.WrapFirstConv(nn.Conv2d(inChannels, planes, 1, bias: false), inChannels));
        _bn1 = Add("bn1", RaceFreeBatchNorm.TwoD(planes));
        _conv2 = Add("conv2", nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false));
        _bn2 = Add("bn2", RaceFreeBatchNorm.TwoD(planes));
        _conv3 = Add("conv3", nn.Conv2d(planes, OutChannels, 1, bias: false));
        _bn3 = Add("bn3", RaceFreeBatchNorm.TwoD(OutChannels));
        _relu = Add("relu", nn.ReLU());
        _downsample = ResNet.MakeDownsample(inChannels, OutChannels, stride) is { } shortcut ? Add("downsample", shortcut) : null;
        if (insertion.CreateAfterLastConv(OutChannels) is { } inserted) _afterConv3 = Add(inserted.Key, inserted.Module);
    }

    /// <summary>Channels of the block output.</summary>
    public int OutChannels { get; }

    /// <summary>relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut(x)).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = _conv1.call(input);
        x = _relu.call(_bn1.call(x));
        x = _conv2.call(x);
        x = _relu.call(_bn2.call(x));
        x = _conv3.call(x);
        if (_afterConv3 is not null) x = _afterConv3.call(x);
        x = _bn3.call(x);
        var shortcut = _downsample is null ? input : _downsample.call(input);
        return _relu.call(x.add(shortcut, NativeScalars.One));
    }
}
