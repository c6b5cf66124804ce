namespace MLVideo.Tensors.Nn;

/// <summary>Average pooling of (N, C, H, W) to a fixed output size, PyTorch's <c>nn.AdaptiveAvgPool2d</c> ((1, 1) = global pooling).</summary>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outputSize">Output (H, W); an int means square.</param>
    public AdaptiveAvgPool2d(Size2 outputSize)
    {
        if (outputSize.H <= 0 || outputSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "AdaptiveAvgPool2d: output size must be positive.");
        OutputSize = outputSize;
    }

    /// <summary>Output (H, W).</summary>
    public Size2 OutputSize { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"output_size={OutputSize}";

    /// <summary>Pools (N, C, H, W) to (N, C, outH, outW).</summary>
    public override Tensor Forward(Tensor input)
    {
        PoolingChecks.CheckRank(this, input, 4, "(N, C, H, W)");
        return Functional.AdaptiveAvgPool2d(input, OutputSize);
    }
}
