using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Layer normalisation of <c>rows</c> contiguous rows of length <c>d</c>: per-row mean and biased variance,
/// then an optional per-column affine. Rows are independent (split over rows); the weight and bias gradients
/// sum over rows, so they are split over column ranges instead, each column summed in row order.
/// </summary>
internal static class LayerNormKernels
{
    private const int ParallelGrain = 1 << 15;

    /// <summary>y = (x − mean)·rstd·w + b per row; <paramref name="mean"/> and <paramref name="rstd"/> receive the row statistics.</summary>
    public static void Forward(float[] x, float[] y, int rows, int d, float[]? weight, float[]? bias, float[] mean, float[] rstd, float eps) =>
        CpuParallel.For(rows, new ForwardWork { X = x, Y = y, D = d, Weight = weight, Bias = bias, Mean = mean, Rstd = rstd, Eps = eps },
            Math.Max(1, ParallelGrain / Math.Max(1, d)));

    /// <summary>
    /// dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = dy·w; dWeight = Σ_rows dy·x̂; dBias = Σ_rows dy. Null outputs are skipped.
    /// </summary>
    public static void Backward(float[] x, float[] dy, int rows, int d, float[]? weight, float[] mean, float[] rstd,
        float[]? dx, float[]? dWeight, float[]? dBias)
    {
        if (dx is not null)
            CpuParallel.For(rows, new InputGradWork { X = x, Dy = dy, D = d, Weight = weight, Mean = mean, Rstd = rstd, Dx = dx },
                Math.Max(1, ParallelGrain / Math.Max(1, d)));
        if (dWeight is not null || dBias is not null)
            CpuParallel.For(d, new AffineGradWork { X = x, Dy = dy, Rows = rows, D = d, Mean = mean, Rstd = rstd, DWeight = dWeight, DBias = dBias },
                Math.Max(64, ParallelGrain / Math.Max(1, rows)));
    }

    private struct ForwardWork : IParallelWork
    {
        public float[] X, Y, Mean, Rstd;
        public float[]? Weight, Bias;
        public int D;
        public float Eps;

        public readonly void Execute(int start, int end)
        {
            for (int r = start; r < end; r++)
            {
                var row = X.AsSpan(r * D, D);
                var output = Y.AsSpan(r * D, D);
                float m = SpanVectorOps.Sum(row) / D;
                float inv = 1f / MathF.Sqrt(SpanVectorOps.SumSquaredDeviation(row, m) / D + Eps);
                Mean[r] = m;
                Rstd[r] = inv;
                SpanVectorOps.Affine(row, inv, -m * inv, output);
                if (Weight is not null && Bias is not null) SpanVectorOps.AffineColumns(output, Weight.AsSpan(0, D), Bias.AsSpan(0, D), output);
                else if (Weight is not null) SpanVectorOps.Multiply(output, Weight.AsSpan(0, D), output);
                else if (Bias is not null) SpanVectorOps.AddTo(Bias.AsSpan(0, D), output);
            }
        }
    }

    private struct InputGradWork : IParallelWork
    {
        public float[] X, Dy, Mean, Rstd, Dx;
        public float[]? Weight;
        public int D;

        public readonly void Execute(int start, int end)
        {
            float[]? scratch = Weight is null ? null : ArrayPool<float>.Shared.Rent(D);
            try
            {
                for (int r = start; r < end; r++)
                {
                    var row = X.AsSpan(r * D, D);
                    ReadOnlySpan<float> g = Dy.AsSpan(r * D, D);
                    if (scratch is not null)
                    {
                        SpanVectorOps.Multiply(g, Weight.AsSpan(0, D), scratch.AsSpan(0, D));
                        g = scratch.AsSpan(0, D);
                    }
                    float m = Mean[r], inv = Rstd[r];
                    var (sum, dot) = SpanVectorOps.SumAndCenteredDot(g, row, m);
                    float beta = -inv * inv * inv * dot / D;
                    float gamma = -inv * sum / D - beta * m;
                    SpanVectorOps.Combine(g, row, inv, beta, gamma, Dx.AsSpan(r * D, D));
                }
            }
            finally
            {
                if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
            }
        }
    }

    private struct AffineGradWork : IParallelWork
    {
        public float[] X, Dy, Mean, Rstd;
        public float[]? DWeight, DBias;
        public int Rows, D;

        public readonly void Execute(int start, int end)
        {
            int width = end - start;
            var dWeight = DWeight is null ? default : DWeight.AsSpan(start, width);
            var dBias = DBias is null ? default : DBias.AsSpan(start, width);
            dWeight.Clear();
            dBias.Clear();
            float[] xhat = ArrayPool<float>.Shared.Rent(width);
            try
            {
                for (int r = 0; r < Rows; r++)
                {
                    var g = Dy.AsSpan(r * D + start, width);
                    if (DBias is not null) SpanVectorOps.AddTo(g, dBias);
                    if (DWeight is null) continue;
                    SpanVectorOps.Affine(X.AsSpan(r * D + start, width), Rstd[r], -Mean[r] * Rstd[r], xhat.AsSpan(0, width));
                    SpanVectorOps.AddProduct(g, xhat.AsSpan(0, width), dWeight);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(xhat);
            }
        }
    }
}
