namespace MLVideo.Tensors.Nn;

/// <summary>2-D max pooling of (N, C, H, W), PyTorch's <c>nn.MaxPool2d</c> (padding counts as -infinity).</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window (kH, kW).</param>
    /// <param name="stride">Stride; default the kernel size.</param>
    /// <param name="padding">Padding per side; default 0.</param>
    /// <param name="ceilMode">Round the output size up instead of down; default false.</param>
    public MaxPool2d(Size2 kernelSize, Size2? stride = null, Size2 padding = default, bool ceilMode = false)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
    }

    /// <summary>Window size.</summary>
    public Size2 KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size2 Stride { get; }

    /// <summary>Padding per side.</summary>
    public Size2 Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation=1, ceil_mode={FormatBool(CeilMode)}";

    /// <summary>Pools (N, C, H, W) to (N, C, H', W').</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 4, "(N, C, H, W)");
        return Functional.MaxPool2d(input, KernelSize, Stride, Padding, CeilMode);
    }
}
