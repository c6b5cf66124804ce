namespace MLVideo.Tensors.Nn;

/// <summary>3-D max pooling of (N, C, T, H, W), PyTorch's <c>nn.MaxPool3d</c> (padding counts as -infinity).</summary>
public sealed class MaxPool3d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window (kT, kH, kW).</param>
    /// <param name="stride">Stride; default the kernel size.</param>
    /// <param name="padding">Padding per side; default 0.</param>
    /// <param name="ceilMode">Round the output size up instead of down; default false.</param>
    public MaxPool3d(Size3 kernelSize, Size3? stride = null, Size3 padding = default, bool ceilMode = false)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
    }

    /// <summary>Window size.</summary>
    public Size3 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size3 Stride { get; }

    /// <summary>Padding per side.</summary>
    public Size3 Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation=1, ceil_mode={FormatBool(CeilMode)}";

    /// <summary>Pools (N, C, T, H, W) to (N, C, T', H', W').</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 5, "(N, C, T, H, W)");
        return Functional.MaxPool3d(input, KernelSize, Stride, Padding, CeilMode);
    }
}
