namespace MLVideo.Tensors;

/// <summary>Shared pieces of the cross-entropy backward rules.</summary>
internal static class CrossEntropyGradient
{
    /// <summary>The factor sample <paramref name="s"/>'s gradient is multiplied by: g (sum), g / samples (mean) or g_s (none).</summary>
    public static float SampleScale(Tensor gradOutput, Reduction reduction, int samples, int s) => reduction switch
    {
        Reduction.Mean => gradOutput.Data[0] / samples,
        Reduction.Sum => gradOutput.Data[0],
        _ => gradOutput.Data[s],
    };
}

/// <summary>
/// Backward of cross-entropy with class indices, logits viewed as (N, K, inner):
/// d loss_s / d x_sk = p_sk - q_sk with p = softmax (= e^logp, saved) and
/// q = (1 - e) * onehot(target) + e / K.
/// </summary>
internal sealed class CrossEntropyNode(Tensor logits, Tensor logProbabilities, int[] targets, int inner, float labelSmoothing, Reduction reduction)
    : GradNode("CrossEntropyBackward", logits)
{
    private Tensor? _logProbabilities = logProbabilities;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        int n = Inputs[0]!.Shape[0], k = Inputs[0]!.Shape[1], samples = n * inner;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        Span<float> d = grad.Data;
        ReadOnlySpan<float> lp = _logProbabilities!.Data;
        float spread = labelSmoothing / k;
        for (int o = 0; o < n; o++)
            for (int i = 0; i < inner; i++)
            {
                int s = o * inner + i, line = o * k * inner + i;
                float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, samples, s);
                for (int j = 0; j < k; j++) d[line + j * inner] = (MathF.Exp(lp[line + j * inner]) - spread) * scale;
                d[line + targets[s] * inner] -= (1f - labelSmoothing) * scale;
            }
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved()
    {
        _logProbabilities?.Dispose();
        _logProbabilities = null;
    }
}

/// <summary>
/// Backward of cross-entropy with soft targets t (smoothed to t' = (1 - e) t + e / K), logits viewed
/// as (N, K, inner): d/dx_sk = p_sk * sum_j t'_sj - t'_sk, and d/dt_sk = -(1 - e) * logp_sk.
/// </summary>
internal sealed class SoftCrossEntropyNode(Tensor logits, Tensor targets, Tensor logProbabilities, int inner, float labelSmoothing, Reduction reduction)
    : GradNode("CrossEntropyBackward", logits, targets)
{
    private Tensor? _logProbabilities = logProbabilities;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        int n = Inputs[0]!.Shape[0], k = Inputs[0]!.Shape[1], samples = n * inner;
        ReadOnlySpan<float> lp = _logProbabilities!.Data, t = Inputs[1]!.Data;
        float keep = 1f - labelSmoothing, spread = labelSmoothing / k;
        if (NeedsGrad(0))
        {
            var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
            Span<float> d = grad.Data;
            for (int o = 0; o < n; o++)
                for (int i = 0; i < inner; i++)
                {
                    int line = o * k * inner + i;
                    float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, samples, o * inner + i);
                    float mass = 0f;
                    for (int j = 0; j < k; j++) mass += t[line + j * inner] * keep + spread;
                    for (int j = 0; j < k; j++)
                    {
                        int e = line + j * inner;
                        d[e] = (MathF.Exp(lp[e]) * mass - (t[e] * keep + spread)) * scale;
                    }
                }
            gradInputs[0] = grad;
        }
        if (NeedsGrad(1))
        {
            var grad = Tensor.Uninitialized(Inputs[1]!.ShapeArray);
            Span<float> d = grad.Data;
            for (int o = 0; o < n; o++)
                for (int i = 0; i < inner; i++)
                {
                    int line = o * k * inner + i;
                    float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, samples, o * inner + i);
                    for (int j = 0; j < k; j++) d[line + j * inner] = -keep * lp[line + j * inner] * scale;
                }
            gradInputs[1] = grad;
        }
    }

    protected internal override void ReleaseSaved()
    {
        _logProbabilities?.Dispose();
        _logProbabilities = null;
    }
}
