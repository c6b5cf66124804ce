namespace MLVideo.Tensors.Nn;

/// <summary>3-D convolution over (N, C, T, H, W), PyTorch's <c>nn.Conv3d</c> (keys <c>weight</c> [out, in/groups, kT, kH, kW] and <c>bias</c>).</summary>
public sealed class Conv3d : Convolution
{
    /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel (kT, kH, kW); an int means cubic.</param>
    /// <param name="stride">Stride; default 1.</param>
    /// <param name="padding">Zero padding per side; default 0.</param>
    /// <param name="dilation">Dilation; default 1.</param>
    /// <param name="groups">Groups; default 1.</param>
    /// <param name="bias">Whether the layer has a bias; default true.</param>
    /// <param name="generator">Random source for the initialisation; default <see cref="Generator.Default"/>.</param>
    public Conv3d(int inChannels, int outChannels, Size3 kernelSize, Size3? stride = null, Size3 padding = default, Size3? dilation = null,
        int groups = 1, bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, [kernelSize.T, kernelSize.H, kernelSize.W], groups, bias, generator)
    {
        KernelSize = kernelSize;
        Stride = stride ?? 1;
        Padding = padding;
        Dilation = dilation ?? 1;
        if (Stride.T <= 0 || Stride.H <= 0 || Stride.W <= 0) throw new ArgumentOutOfRangeException(nameof(stride), Stride, "Conv3d: stride must be positive.");
        if (Padding.T < 0 || Padding.H < 0 || Padding.W < 0) throw new ArgumentOutOfRangeException(nameof(padding), Padding, "Conv3d: padding cannot be negative.");
        if (Dilation.T <= 0 || Dilation.H <= 0 || Dilation.W <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), Dilation, "Conv3d: dilation must be positive.");
    }

    /// <summary>Kernel size (kT, kH, kW).</summary>
    public Size3 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size3 Stride { get; }

    /// <summary>Zero padding per side.</summary>
    public Size3 Padding { get; }

    /// <summary>Dilation.</summary>
    public Size3 Dilation { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => ConvolutionRepr(KernelSize.ToString(), Stride.ToString(), Padding.ToString(), Padding == default, Dilation.ToString(), Dilation == new Size3(1, 1, 1));

    /// <summary>Convolves (N, C_in, T, H, W) to (N, C_out, T', H', W').</summary>
    /// <exception cref="ShapeMismatchException">The input is not 5-D or has the wrong channel count.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input, 5, "(N, C, T, H, W)");
        return Functional.Conv3d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
    }
}
