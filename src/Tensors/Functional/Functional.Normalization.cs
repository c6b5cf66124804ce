namespace MLVideo.Tensors;

// OWNER: norm/pool helper.
public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over every dim but 1 of (N, C), (N, C, L), (N, C, H, W) or (N, C, T, H, W).
    /// Training: batch statistics (biased variance), and running stats updated in place with the unbiased
    /// variance: running = (1 - momentum) running + momentum stat. Eval: running stats.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training, float momentum = 0.1f, float eps = 1e-5f) => throw new NotImplementedException();

    /// <summary>Layer normalisation over the trailing <paramref name="normalizedShape"/> dims.</summary>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, float eps = 1e-5f) => throw new NotImplementedException();

    /// <summary>Inverted dropout: zeroes with probability p and scales the rest by 1/(1-p) in training; identity otherwise.</summary>
    public static Tensor Dropout(Tensor input, float p, bool training, Generator? generator = null) => throw new NotImplementedException();
}
