using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// Classification losses and the Gumbel-softmax relaxation.
public static partial class Functional
{
    /// <summary>
    /// Cross-entropy of logits (N, K) (or (N, K, d1, ..., dm), classes on dimension 1, as PyTorch)
    /// against class indices, with optional label smoothing, as PyTorch's <c>F.cross_entropy</c>:
    /// the target distribution is (1 - e) * onehot + e / K, so each sample's loss is
    /// (1 - e) * -log p[target] + (e / K) * -sum_k log p[k], with p = softmax over the classes.
    /// </summary>
    /// <param name="logits">Unnormalised scores, shape (N, K) or (N, K, d1, ..., dm).</param>
    /// <param name="targets">One class index in [0, K) per sample, row-major over (N, d1, ..., dm) (no ignore index).</param>
    /// <param name="labelSmoothing">e in [0, 1].</param>
    /// <param name="reduction">Mean (over all samples; NaN if there are none), Sum, or None (one loss per sample, shape (N, d1, ..., dm)).</param>
    /// <exception cref="ShapeMismatchException">The logits have rank below 2 or no classes, or the target count is not the sample count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, K), or the smoothing is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> targets, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
    {
        var layout = CheckLogits(logits, labelSmoothing, reduction);
        var (n, k, inner) = (layout.N, layout.K, layout.Inner);
        int samples = n * inner;
        if (targets.Length != samples)
            throw new ShapeMismatchException($"CrossEntropy: {targets.Length} targets for logits {ShapeHelper.Format(logits.Shape)} ({samples} samples).");
        for (int s = 0; s < samples; s++)
            if ((uint)targets[s] >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(targets), targets[s],
                    $"CrossEntropy: target {targets[s]} of sample {s} is out of range for {k} classes (expected 0..{k - 1}).");

        var logProbabilities = Tensor.Uninitialized(logits.ShapeArray);
        SoftmaxKernels.Forward(logits.RawArray, logProbabilities.RawArray, n, k, inner, log: true);
        ReadOnlySpan<float> lp = logProbabilities.Data;
        var perSample = new float[samples];
        for (int o = 0; o < n; o++)
            for (int i = 0; i < inner; i++)
            {
                int s = o * inner + i, line = o * k * inner + i;
                float nll = -lp[line + targets[s] * inner];
                if (labelSmoothing == 0f)
                {
                    perSample[s] = nll;
                    continue;
                }
                float all = 0f;
                for (int j = 0; j < k; j++) all += lp[line + j * inner];
                perSample[s] = (1f - labelSmoothing) * nll + labelSmoothing / k * -all;
            }
        Tensor result = Reduce(perSample, layout.SampleShape, reduction);
        if (Autograd.IsRecording(logits))
            result.SetGradFn(new CrossEntropyNode(logits, logProbabilities, targets.ToArray(), inner, labelSmoothing, reduction));
        else logProbabilities.Dispose();
        return result;
    }

    /// <summary>
    /// Cross-entropy against soft targets of the logits' shape ((N, K) or (N, K, d1, ..., dm)) whose
    /// class lines are probabilities: -sum_k t_k log softmax(x)_k per sample, after smoothing t to
    /// (1 - e) * t + e / K (as PyTorch). Gradients flow to the logits and, if they require it, to the targets.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The logits have rank below 2 or no classes, or the targets' shape differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The smoothing is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor logits, Tensor softTargets, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(softTargets);
        var layout = CheckLogits(logits, labelSmoothing, reduction);
        var (n, k, inner) = (layout.N, layout.K, layout.Inner);
        if (!ShapeHelper.SameShape(softTargets.Shape, logits.Shape))
            throw new ShapeMismatchException($"CrossEntropy: soft targets {ShapeHelper.Format(softTargets.Shape)} must have the logits' shape {ShapeHelper.Format(logits.Shape)}.");

        var logProbabilities = Tensor.Uninitialized(logits.ShapeArray);
        SoftmaxKernels.Forward(logits.RawArray, logProbabilities.RawArray, n, k, inner, log: true);
        ReadOnlySpan<float> lp = logProbabilities.Data, t = softTargets.Data;
        float keep = 1f - labelSmoothing, spread = labelSmoothing / k;
        var perSample = new float[n * inner];
        for (int o = 0; o < n; o++)
            for (int i = 0; i < inner; i++)
            {
                int line = o * k * inner + i;
                float sum = 0f;
                for (int j = 0; j < k; j++) sum += (t[line + j * inner] * keep + spread) * lp[line + j * inner];
                perSample[o * inner + i] = -sum;
            }
        Tensor result = Reduce(perSample, layout.SampleShape, reduction);
        if (Autograd.IsRecording(logits, softTargets))
            result.SetGradFn(new SoftCrossEntropyNode(logits, softTargets, logProbabilities, inner, labelSmoothing, reduction));
        else logProbabilities.Dispose();
        return result;
    }

    /// <summary>
    /// Gumbel-softmax with given noise g (PyTorch's <c>F.gumbel_softmax</c> maths):
    /// y_soft = softmax((logits + g) / tau) along <paramref name="dim"/>. With <paramref name="hard"/>,
    /// the result is onehot(argmax y_soft) - detach(y_soft) + y_soft: the forward value is the one-hot
    /// (ties go to the first maximum) and the gradient is that of y_soft (straight-through).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The noise's shape differs from the logits'.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is not positive.</exception>
    public static Tensor GumbelSoftmax(Tensor logits, Tensor gumbelNoise, float tau, bool hard, int dim = -1)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(gumbelNoise);
        if (!(tau > 0f)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "GumbelSoftmax: tau must be positive.");
        if (!ShapeHelper.SameShape(logits.Shape, gumbelNoise.Shape))
            throw new ShapeMismatchException($"GumbelSoftmax: noise {ShapeHelper.Format(gumbelNoise.Shape)} must have the logits' shape {ShapeHelper.Format(logits.Shape)}.");
        // Intermediates that belong to a recorded graph stay alive (their nodes read them); without
        // recording they go straight back to the pool.
        bool recording = Autograd.IsRecording(logits, gumbelNoise);
        Tensor perturbed = logits + gumbelNoise;
        Tensor scaled = perturbed / tau;
        Tensor soft = scaled.Softmax(dim);
        if (!recording)
        {
            perturbed.Dispose();
            scaled.Dispose();
        }
        if (!hard) return soft;

        var (outer, n, inner) = soft.SplitAt(dim, "GumbelSoftmax");
        var index = new int[outer * inner];
        var maxima = new float[outer * inner];
        ReductionKernels.MaxAxis(soft.Data, maxima, index, outer, n, inner);
        using var oneHot = new Tensor(soft.ShapeArray);
        Span<float> h = oneHot.Data;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                h[(o * n + index[o * inner + i]) * inner + i] = 1f;
        // Same order of operations as PyTorch: (y_hard - y_soft.detach()) + y_soft.
        Tensor difference;
        using (Tensor detached = soft.Detach()) difference = oneHot - detached;
        Tensor result = difference + soft;
        if (!recording)
        {
            difference.Dispose();
            soft.Dispose();
        }
        return result;
    }

    /// <summary>
    /// Gumbel-softmax drawing the noise g = -log(E), E ~ Exp(1) (that is -log(-log U), U uniform in
    /// (0, 1)) from <paramref name="generator"/> (or <see cref="Generator.Default"/>).
    /// </summary>
    public static Tensor GumbelSoftmax(Tensor logits, float tau, bool hard, int dim = -1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using Tensor noise = GumbelNoise(logits.ShapeArray, generator ?? Generator.Default);
        return GumbelSoftmax(logits, noise, tau, hard, dim);
    }

    /// <summary>Standard Gumbel samples -log(E), E ~ Exp(1); U = 0 is redrawn so every sample is finite.</summary>
    internal static Tensor GumbelNoise(int[] shape, Generator generator)
    {
        var noise = Tensor.Uninitialized(shape);
        Span<float> d = noise.Data;
        for (int i = 0; i < d.Length; i++)
        {
            double u;
            do u = generator.NextDouble(); while (u <= 0.0);
            double e = -Math.Log(u); // E ~ Exp(1), > 0 because u < 1
            d[i] = (float)-Math.Log(e);
        }
        return noise;
    }

    /// <summary>Logits viewed as (N, K, inner) with classes on dimension 1, and the per-sample shape (N, d1, ..., dm).</summary>
    private readonly record struct LogitsLayout(int N, int K, int Inner, int[] SampleShape);

    private static LogitsLayout CheckLogits(Tensor logits, float labelSmoothing, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank < 2)
            throw new ShapeMismatchException($"CrossEntropy: logits must be (N, K) or (N, K, d1, ...), got {ShapeHelper.Format(logits.Shape)}.");
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropy: label smoothing must be in [0, 1].");
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "CrossEntropy: unknown reduction.");
        if (logits.Shape[1] == 0)
            throw new ShapeMismatchException($"CrossEntropy: logits {ShapeHelper.Format(logits.Shape)} have no classes.");
        int inner = 1;
        var sampleShape = new int[logits.Rank - 1];
        sampleShape[0] = logits.Shape[0];
        for (int d = 2; d < logits.Rank; d++)
        {
            inner *= logits.Shape[d];
            sampleShape[d - 1] = logits.Shape[d];
        }
        return new LogitsLayout(logits.Shape[0], logits.Shape[1], inner, sampleShape);
    }

    /// <summary>Per-sample losses reduced as asked: a 0-d mean or sum (accumulated in double), or the per-sample tensor.</summary>
    private static Tensor Reduce(float[] perSample, int[] sampleShape, Reduction reduction)
    {
        if (reduction == Reduction.None) return Tensor.FromArray(perSample, sampleShape);
        double total = 0;
        foreach (float v in perSample) total += v;
        return Tensor.Scalar(reduction == Reduction.Mean ? (float)(total / perSample.Length) : (float)total);
    }
}
