namespace MLVideo.Tensors.Nn;

/// <summary>Average pooling of (N, C, T, H, W) to a fixed output size, PyTorch's <c>nn.AdaptiveAvgPool3d</c>.</summary>
public sealed class AdaptiveAvgPool3d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outputSize">Output (T, H, W); an int means cubic.</param>
    public AdaptiveAvgPool3d(Size3 outputSize)
    {
        if (outputSize.T <= 0 || outputSize.H <= 0 || outputSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "AdaptiveAvgPool3d: output size must be positive.");
        OutputSize = outputSize;
    }

    /// <summary>Output (T, H, W).</summary>
    public Size3 OutputSize { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"output_size={OutputSize}";

    /// <summary>Pools (N, C, T, H, W) to (N, C, outT, outH, outW).</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 5, "(N, C, T, H, W)");
        return Functional.AdaptiveAvgPool3d(input, OutputSize);
    }
}
