namespace MLVideo.Tensors.Nn;

/// <summary>3-D average pooling of (N, C, T, H, W), PyTorch's <c>nn.AvgPool3d</c> (zero padding counted by default).</summary>
public sealed class AvgPool3d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window (kT, kH, kW).</param>
    /// <param name="stride">Stride; default the kernel size.</param>
    /// <param name="padding">Padding per side; default 0.</param>
    /// <param name="ceilMode">Round the output size up instead of down; default false.</param>
    /// <param name="countIncludePad">Count the zero padding in the divisor; default true.</param>
    public AvgPool3d(Size3 kernelSize, Size3? stride = null, Size3 padding = default, bool ceilMode = false, bool countIncludePad = true)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
    }

    /// <summary>Window size.</summary>
    public Size3 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size3 Stride { get; }

    /// <summary>Padding per side.</summary>
    public Size3 Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}";

    /// <summary>Pools (N, C, T, H, W) to (N, C, T', H', W').</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 5, "(N, C, T, H, W)");
        return Functional.AvgPool3d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad);
    }
}
