using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: norm/pool helper.
public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over every dim but 1 of (N, C), (N, C, L), (N, C, H, W) or (N, C, T, H, W).
    /// Training: batch statistics (biased variance), and running stats updated in place with the unbiased
    /// variance: running = (1 - momentum) running + momentum stat. Eval: running stats.
    /// </summary>
    /// <param name="input">(N, C, ...) with at least two dims.</param>
    /// <param name="runningMean">Running mean [C], updated in place in training; null (with <paramref name="runningVar"/>) to always use batch statistics, as PyTorch's <c>track_running_stats=False</c>.</param>
    /// <param name="runningVar">Running variance [C], updated in place in training with the unbiased batch variance.</param>
    /// <param name="weight">Scale γ [C], or null for 1.</param>
    /// <param name="bias">Shift β [C], or null for 0.</param>
    /// <param name="training">Normalise with the batch statistics and update the running ones.</param>
    /// <param name="momentum">Weight of the new batch statistic in the running update (PyTorch's convention, 0.1 by default).</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <exception cref="ShapeMismatchException">The input has fewer than 2 dims or a per-channel tensor is not [C].</exception>
    /// <exception cref="ArgumentException">Training with a single value per channel, or only one of the running stats given.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2)
            throw new ShapeMismatchException($"BatchNorm: expected an (N, C, ...) input with at least 2 dims, got {ShapeHelper.Format(input.Shape)}.");
        int n = input.Size(0), c = input.Size(1);
        int s = n * c == 0 ? 0 : input.Count / (n * c);
        CheckPerChannel("BatchNorm", "weight", weight, input);
        CheckPerChannel("BatchNorm", "bias", bias, input);
        CheckPerChannel("BatchNorm", "runningMean", runningMean, input);
        CheckPerChannel("BatchNorm", "runningVar", runningVar, input);
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException($"BatchNorm: runningMean and runningVar must be given together (input {ShapeHelper.Format(input.Shape)}).");

        bool batchStats = training || runningMean is null;
        long perChannel = (long)n * s;
        if (batchStats && perChannel <= 1 && input.Count > 0)
            throw new ArgumentException($"BatchNorm: expected more than 1 value per channel when training, got input {ShapeHelper.Format(input.Shape)}.");

        var mean = new float[c];
        var variance = new float[c];
        var invStd = new float[c];
        if (!batchStats)
        {
            runningMean!.Data.CopyTo(mean);
            runningVar!.Data.CopyTo(variance);
        }
        var result = Tensor.Uninitialized(input.ShapeArray);
        BatchNormKernels.Forward(input.RawArray, result.RawArray, n, c, s, weight?.RawArray, bias?.RawArray, mean, variance, invStd, batchStats, eps);

        if (training && runningMean is not null && perChannel > 0)
        {
            // PyTorch keeps the UNBIASED variance in the running estimate (the batch itself was normalised with the biased one).
            float unbias = (float)((double)perChannel / (perChannel - 1));
            var rm = runningMean.Data;
            var rv = runningVar!.Data;
            for (int ch = 0; ch < c; ch++)
            {
                rm[ch] = (1f - momentum) * rm[ch] + momentum * mean[ch];
                rv[ch] = (1f - momentum) * rv[ch] + momentum * variance[ch] * unbias;
            }
        }

        if (Autograd.IsRecording(input, weight, bias))
            result.SetGradFn(new BatchNormNode(input, weight, bias, mean, invStd, batchStats));
        return result;
    }

    /// <summary>
    /// Layer normalisation over the trailing <paramref name="normalizedShape"/> dims: each slice is normalised with its
    /// own mean and biased variance, then scaled by <paramref name="weight"/> and shifted by <paramref name="bias"/>
    /// (both of shape <paramref name="normalizedShape"/>, optional).
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="normalizedShape"/> is not the input's trailing dims, or weight/bias have another shape.</exception>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        int k = normalizedShape.Length;
        bool trailing = k >= 1 && k <= input.Rank;
        for (int i = 0; trailing && i < k; i++) trailing = input.Size(input.Rank - k + i) == normalizedShape[i];
        if (!trailing)
            throw new ShapeMismatchException($"LayerNorm: normalizedShape {ShapeHelper.Format(normalizedShape)} is not the trailing dims of input {ShapeHelper.Format(input.Shape)}.");
        if (weight is not null && !ShapeHelper.SameShape(weight.Shape, normalizedShape))
            throw new ShapeMismatchException($"LayerNorm: weight {ShapeHelper.Format(weight.Shape)} must have the normalized shape {ShapeHelper.Format(normalizedShape)} (input {ShapeHelper.Format(input.Shape)}).");
        if (bias is not null && !ShapeHelper.SameShape(bias.Shape, normalizedShape))
            throw new ShapeMismatchException($"LayerNorm: bias {ShapeHelper.Format(bias.Shape)} must have the normalized shape {ShapeHelper.Format(normalizedShape)} (input {ShapeHelper.Format(input.Shape)}).");

        int d = ShapeHelper.Count(normalizedShape);
        int rows = d == 0 ? 0 : input.Count / d;
        var mean = new float[rows];
        var rstd = new float[rows];
        var result = Tensor.Uninitialized(input.ShapeArray);
        if (d > 0) LayerNormKernels.Forward(input.RawArray, result.RawArray, rows, d, weight?.RawArray, bias?.RawArray, mean, rstd, eps);
        if (Autograd.IsRecording(input, weight, bias))
            result.SetGradFn(new LayerNormNode(input, weight, bias, rows, d, mean, rstd));
        return result;
    }

    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="p"/> and the rest are
    /// scaled by 1/(1 − p), one uniform draw per element from <paramref name="generator"/> (or
    /// <see cref="Generator.Default"/>), so a seeded generator fixes the mask. Outside training, or with p = 0,
    /// the result is a copy of the input (a new tensor, so it can be disposed independently).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static Tensor Dropout(Tensor input, float p, bool training, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: probability must be in [0, 1], got {p} (input {ShapeHelper.Format(input.Shape)}).");
        if (!training || p == 0f) return input.Clone();

        var mask = new float[input.Count];
        DropoutKernels.FillMask(mask, p, generator ?? Generator.Default);
        var result = Tensor.Uninitialized(input.ShapeArray);
        SpanVectorOps.Multiply(input.Data, mask, result.Data);
        if (Autograd.IsRecording(input)) result.SetGradFn(new DropoutNode(input, mask));
        return result;
    }

    private static void CheckPerChannel(string op, string name, Tensor? t, Tensor input)
    {
        if (t is null) return;
        int c = input.Size(1);
        if (t.Rank != 1 || t.Count != c)
            throw new ShapeMismatchException($"{op}: {name} {ShapeHelper.Format(t.Shape)} must be [{c}] for input {ShapeHelper.Format(input.Shape)} ({c} channels).");
    }
}
