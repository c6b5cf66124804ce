namespace MLVideo.Tensors;

/// <summary>Shared pieces of the cross-entropy backward rules.</summary>
internal static class CrossEntropyGradient
{
    /// <summary>The factor each sample's gradient is multiplied by: g (sum), g / N (mean) or g_i (none).</summary>
    public static float SampleScale(Tensor gradOutput, Reduction reduction, int n, int i) => reduction switch
    {
        Reduction.Mean => gradOutput.Data[0] / n,
        Reduction.Sum => gradOutput.Data[0],
        _ => gradOutput.Data[i],
    };
}

/// <summary>
/// Backward of cross-entropy with class indices: d loss_i / d x_ik = p_ik - q_ik with
/// p = softmax(x) (= e^logp, saved) and q = (1 - e) * onehot(target) + e / K.
/// </summary>
internal sealed class CrossEntropyNode(Tensor logits, Tensor logProbabilities, int[] targets, float labelSmoothing, Reduction reduction)
    : GradNode("CrossEntropyBackward", logits)
{
    private Tensor? _logProbabilities = logProbabilities;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        int n = Inputs[0]!.Shape[0], k = Inputs[0]!.Shape[1];
        var grad = Tensor.Uninitialized([n, k]);
        Span<float> d = grad.Data;
        ReadOnlySpan<float> lp = _logProbabilities!.Data;
        float spread = labelSmoothing / k;
        for (int i = 0; i < n; i++)
        {
            float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, n, i);
            for (int j = 0; j < k; j++) d[i * k + j] = (MathF.Exp(lp[i * k + j]) - spread) * scale;
            d[i * k + targets[i]] -= (1f - labelSmoothing) * scale;
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
/// Backward of cross-entropy with soft targets t (smoothed to t' = (1 - e) t + e / K):
/// d/dx_ik = p_ik * sum_j t'_ij - t'_ik, and d/dt_ik = -(1 - e) * logp_ik.
/// </summary>
internal sealed class SoftCrossEntropyNode(Tensor logits, Tensor targets, Tensor logProbabilities, float labelSmoothing, Reduction reduction)
    : GradNode("CrossEntropyBackward", logits, targets)
{
    private Tensor? _logProbabilities = logProbabilities;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        int n = Inputs[0]!.Shape[0], k = Inputs[0]!.Shape[1];
        ReadOnlySpan<float> lp = _logProbabilities!.Data, t = Inputs[1]!.Data;
        float keep = 1f - labelSmoothing, spread = labelSmoothing / k;
        if (NeedsGrad(0))
        {
            var grad = Tensor.Uninitialized([n, k]);
            Span<float> d = grad.Data;
            for (int i = 0; i < n; i++)
            {
                float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, n, i);
                float mass = 0f;
                for (int j = 0; j < k; j++) mass += t[i * k + j] * keep + spread;
                for (int j = 0; j < k; j++)
                    d[i * k + j] = (MathF.Exp(lp[i * k + j]) * mass - (t[i * k + j] * keep + spread)) * scale;
            }
            gradInputs[0] = grad;
        }
        if (NeedsGrad(1))
        {
            var grad = Tensor.Uninitialized([n, k]);
            Span<float> d = grad.Data;
            for (int i = 0; i < n; i++)
            {
                float scale = CrossEntropyGradient.SampleScale(gradOutput, reduction, n, i);
                for (int j = 0; j < k; j++) d[i * k + j] = -keep * lp[i * k + j] * scale;
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
