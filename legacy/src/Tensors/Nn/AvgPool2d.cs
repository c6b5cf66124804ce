namespace MLVideo.Tensors.Nn;

/// <summary>2-D average pooling of (N, C, H, W), PyTorch's <c>nn.AvgPool2d</c> (zero padding counted by default).</summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window (kH, kW).</param>
    /// <param name="stride">Stride; default the kernel size.</param>
    /// <param name="padding">Padding per side; default 0.</param>
    /// <param name="ceilMode">Round the output size up instead of down; default false.</param>
    /// <param name="countIncludePad">Count the zero padding in the divisor; default true.</param>
    public AvgPool2d(Size2 kernelSize, Size2? stride = null, Size2 padding = default, bool ceilMode = false, bool countIncludePad = true)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
    }

    /// <summary>Window size.</summary>
    public Size2 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size2 Stride { get; }

    /// <summary>Padding per side.</summary>
    public Size2 Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}";

    /// <summary>Pools (N, C, H, W) to (N, C, H', W').</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 4, "(N, C, H, W)");
        return Functional.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad);
    }
}
