using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Optim;

/// <summary>Gradient clipping (PyTorch's <c>torch.nn.utils.clip_grad_norm_</c>).</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their joint norm is at most <paramref name="maxNorm"/>: the total
    /// norm is the <paramref name="normType"/>-norm of the per-gradient norms (the max of absolute values for
    /// infinity), and every gradient is multiplied by min(1, maxNorm / (total + 1e-6)), exactly as PyTorch does.
    /// Parameters without a gradient are ignored. TSM clips at 20.
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Tensor.Grad"/> are clipped.</param>
    /// <param name="maxNorm">Largest allowed total norm.</param>
    /// <param name="normType">p of the p-norm (2 by default; <see cref="double.PositiveInfinity"/> for the max norm).</param>
    /// <param name="errorIfNonfinite">Throw if the total norm is NaN or infinite instead of scaling by it.</param>
    /// <returns>The total norm BEFORE clipping (0 when no parameter has a gradient).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is negative or <paramref name="normType"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The norm is not finite and <paramref name="errorIfNonfinite"/> is set.</exception>
    public static float ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm >= 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGradNorm: maxNorm must be non-negative.");
        if (!(normType > 0)) throw new ArgumentOutOfRangeException(nameof(normType), normType, "ClipGradNorm: normType must be positive.");
        var grads = new List<Tensor>();
        foreach (var p in parameters)
            if (p?.Grad is { } g) grads.Add(g);
        if (grads.Count == 0) return 0f;

        double total;
        if (double.IsPositiveInfinity(normType))
        {
            total = 0;
            foreach (var g in grads)
            {
                float m = OptimizerKernels.MaxAbs(g.Data);
                if (float.IsNaN(m) || m > total) total = m;
                if (double.IsNaN(total)) break;
            }
        }
        else if (normType == 2)
        {
            // sqrt(sum_k ||g_k||^2) equals the 2-norm of the per-gradient 2-norms.
            double sumSquares = 0;
            foreach (var g in grads) sumSquares += OptimizerKernels.SumOfSquares(g.Data);
            total = Math.Sqrt(sumSquares);
        }
        else
        {
            double sum = 0;
            foreach (var g in grads)
            {
                double own = 0;
                foreach (float v in g.Data) own += Math.Pow(Math.Abs(v), normType);
                sum += own; // ||g_k||_p^p: the p-norm of the norms is (sum_k ||g_k||_p^p)^(1/p).
            }
            total = Math.Pow(sum, 1 / normType);
        }
        float totalNorm = (float)total;
        if (errorIfNonfinite && !float.IsFinite(totalNorm))
            throw new InvalidOperationException($"ClipGradNorm: the total {normType}-norm of the gradients is {totalNorm}; set errorIfNonfinite to false to scale by it anyway.");

        // PyTorch computes the coefficient in float32 and always multiplies (by exactly 1 when not clipping).
        float coefficient = Math.Min((float)maxNorm / (totalNorm + 1e-6f), 1f);
        foreach (var g in grads) OptimizerKernels.Scale(g.Data, coefficient);
        return totalNorm;
    }
}
