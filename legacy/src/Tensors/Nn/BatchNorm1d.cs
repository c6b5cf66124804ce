namespace MLVideo.Tensors.Nn;

/// <summary>Batch normalisation of (N, C) or (N, C, L) inputs over every dimension but C, PyTorch's <c>nn.BatchNorm1d</c>.</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    /// <param name="numFeatures">Channels C.</param>
    /// <param name="eps">Added to the variance; default 1e-5.</param>
    /// <param name="momentum">Running-average factor; default 0.1; null for a cumulative average.</param>
    /// <param name="affine">Whether the layer has weight and bias; default true.</param>
    /// <param name="trackRunningStats">Whether the layer keeps running statistics; default true.</param>
    public BatchNorm1d(int numFeatures, float eps = 1e-5f, float? momentum = 0.1f, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, [2, 3], "(N, C) or (N, C, L)")
    {
    }
}
