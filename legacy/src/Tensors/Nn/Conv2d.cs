namespace MLVideo.Tensors.Nn;

/// <summary>2-D convolution over (N, C, H, W), PyTorch's <c>nn.Conv2d</c> (keys <c>weight</c> [out, in/groups, kH, kW] and <c>bias</c>).</summary>
public sealed class Conv2d : Convolution
{
    /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel (kH, kW); an int means square.</param>
    /// <param name="stride">Stride; default 1.</param>
    /// <param name="padding">Zero padding per side; default 0.</param>
    /// <param name="dilation">Dilation; default 1.</param>
    /// <param name="groups">Groups; default 1 (InChannels for depthwise).</param>
    /// <param name="bias">Whether the layer has a bias; default true.</param>
    /// <param name="generator">Random source for the initialisation; default <see cref="Generator.Default"/>.</param>
    public Conv2d(int inChannels, int outChannels, Size2 kernelSize, Size2? stride = null, Size2 padding = default, Size2? dilation = null,
        int groups = 1, bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, [kernelSize.H, kernelSize.W], groups, bias, generator)
    {
        KernelSize = kernelSize;
        Stride = stride ?? 1;
        Padding = padding;
        Dilation = dilation ?? 1;
        if (Stride.H <= 0 || Stride.W <= 0) throw new ArgumentOutOfRangeException(nameof(stride), Stride, "Conv2d: stride must be positive.");
        if (Padding.H < 0 || Padding.W < 0) throw new ArgumentOutOfRangeException(nameof(padding), Padding, "Conv2d: padding cannot be negative.");
        if (Dilation.H <= 0 || Dilation.W <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), Dilation, "Conv2d: dilation must be positive.");
    }

    /// <summary>Kernel size (kH, kW).</summary>
    public Size2 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size2 Stride { get; }

    /// <summary>Zero padding per side.</summary>
    public Size2 Padding { get; }

    /// <summary>Dilation.</summary>
    public Size2 Dilation { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => ConvolutionRepr(KernelSize.ToString(), Stride.ToString(), Padding.ToString(), Padding == default, Dilation.ToString(), Dilation == new Size2(1, 1));

    /// <summary>Convolves (N, C_in, H, W) to (N, C_out, H', W').</summary>
    /// <exception cref="ShapeMismatchException">The input is not 4-D or has the wrong channel count.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input, 4, "(N, C, H, W)");
        return Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
    }
}
