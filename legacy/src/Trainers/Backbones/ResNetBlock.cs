using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// What <see cref="BasicBlock"/> and <see cref="Bottleneck"/> share: channel counts, the optional shortcut
/// projection (<c>downsample</c>), and the two hooks temporal methods use to modify a block in place: wrapping
/// <c>conv1</c> (TSM's residual shift, key <c>conv1.net.weight</c>) and inserting a module after the block's last
/// conv, before its last batch norm (GSF, key <c>gsf.*</c>).
/// </summary>
public abstract class ResNetBlock : Module
{
    private Module? _afterLastConv;

    /// <summary>Stores the channel counts; the derived constructor registers the layers in torchvision's order.</summary>
    protected ResNetBlock(int inChannels, int planes, int outChannels, int stride)
    {
        if (inChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"{GetType().Name}: inChannels must be positive.");
        if (planes <= 0) throw new ArgumentOutOfRangeException(nameof(planes), planes, $"{GetType().Name}: planes must be positive.");
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{GetType().Name}: stride must be positive.");
        InChannels = inChannels;
        Planes = planes;
        OutChannels = outChannels;
        Stride = stride;
    }

    /// <summary>Channels of the block input.</summary>
    public int InChannels { get; }

    /// <summary>torchvision's <c>planes</c> (the inner width).</summary>
    public int Planes { get; }

    /// <summary>Channels of the block output.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the block (applied in <c>conv1</c> of a BasicBlock, in <c>conv2</c> of a Bottleneck).</summary>
    public int Stride { get; }

    /// <summary>Channels produced by the block's last conv (where <see cref="InsertAfterLastConv"/> acts).</summary>
    public abstract int LastConvChannels { get; }

    /// <summary>The first conv of the residual branch, possibly wrapped by a method.</summary>
    public Module Conv1 { get; private set; } = null!;

    /// <summary>The shortcut projection (<c>downsample</c>: 1x1 conv + batch norm), or null for an identity shortcut.</summary>
    public Module? Downsample { get; private set; }

    /// <summary>The module inserted by <see cref="InsertAfterLastConv"/>, or null.</summary>
    protected Module? AfterLastConv => _afterLastConv;

    /// <summary>Registers the first conv under <c>conv1</c>; derived constructors call it in registration order.</summary>
    protected void SetConv1(Module conv1) => Conv1 = RegisterModule("conv1", conv1);

    /// <summary>Registers the shortcut projection under <c>downsample</c> (after the branch layers, as torchvision).</summary>
    protected void SetDownsample(Module? downsample)
    {
        if (downsample is not null) Downsample = RegisterModule("downsample", downsample);
    }

    /// <summary>
    /// Replaces <c>conv1</c> by <paramref name="wrap"/>(conv1), keeping its place in the key order. TSM uses it to
    /// shift the residual branch's input; the identity path keeps seeing the unshifted block input.
    /// </summary>
    public void WrapConv1(Func<Module, Module> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var wrapped = wrap(Conv1) ?? throw new InvalidOperationException($"{GetType().Name}.WrapConv1: the wrapper returned null.");
        ReplaceModule("conv1", wrapped);
        Conv1 = wrapped;
    }

    /// <summary>
    /// Inserts <paramref name="module"/> (registered as <paramref name="name"/>, after all existing children, as in
    /// the official GSF Bottleneck) between the block's last conv and its last batch norm. It must keep the shape.
    /// </summary>
    /// <exception cref="InvalidOperationException">A module was already inserted.</exception>
    public void InsertAfterLastConv(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_afterLastConv is not null)
            throw new InvalidOperationException($"{GetType().Name}: a module is already inserted after the last conv.");
        _afterLastConv = RegisterModule(name, module);
    }

    /// <summary>Applies <see cref="AfterLastConv"/> if present.</summary>
    protected Tensors.Tensor ApplyAfterLastConv(Tensors.Tensor x) => _afterLastConv is null ? x : _afterLastConv.Forward(x);

    /// <summary>The torchvision shortcut: conv1x1(stride) + BN when the shape changes, else null.</summary>
    internal static Module? MakeDownsample(int inChannels, int outChannels, int stride) =>
        stride != 1 || inChannels != outChannels
            ? new Sequential(new Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), new BatchNorm2d(outChannels))
            : null;
}
