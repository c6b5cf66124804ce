using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Batch normalisation of data laid out as (N, C, S), S the product of the spatial dims (1 for a (N, C) input).
/// For S &gt; 1 every (n, c) pair is a contiguous run of S floats, so a channel is N spans and the work is
/// split over channels. For S = 1 a channel is a strided column, so the kernel walks the rows instead and
/// vectorises across channels (split over column ranges). Each channel's sums are taken in the same order
/// whatever the thread count.
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>Elements per parallel chunk below which more threads do not pay.</summary>
    private const int ParallelGrain = 1 << 15;

    /// <summary>
    /// Normalises <paramref name="x"/> into <paramref name="y"/>. With <paramref name="batchStats"/> the per-channel
    /// mean and biased variance are computed from the batch into <paramref name="mean"/> and <paramref name="variance"/>;
    /// otherwise both arrays are inputs (the running statistics). <paramref name="invStd"/> receives 1/sqrt(var + eps).
    /// </summary>
    public static void Forward(float[] x, float[] y, int n, int c, int s, float[]? weight, float[]? bias,
        float[] mean, float[] variance, float[] invStd, bool batchStats, float eps)
    {
        if ((long)n * c * s == 0) return;
        if (s == 1)
        {
            float[] scale = ArrayPool<float>.Shared.Rent(c), shift = ArrayPool<float>.Shared.Rent(c);
            try
            {
                var work = new ColumnForward
                {
                    X = x, Y = y, N = n, C = c, Weight = weight, Bias = bias, Mean = mean, Variance = variance,
                    InvStd = invStd, BatchStats = batchStats, Eps = eps, Scale = scale, Shift = shift,
                };
                CpuParallel.For(c, work, Math.Max(16, ParallelGrain / n));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scale);
                ArrayPool<float>.Shared.Return(shift);
            }
        }
        else
        {
            var work = new PlanarForward
            {
                X = x, Y = y, N = n, C = c, S = s, Weight = weight, Bias = bias, Mean = mean, Variance = variance,
                InvStd = invStd, BatchStats = batchStats, Eps = eps,
            };
            CpuParallel.For(c, work, Math.Max(1, ParallelGrain / (n * s)));
        }
    }

    /// <summary>
    /// Gradients of the normalisation with the statistics of the forward pass. With <paramref name="batchStats"/>
    /// the statistics depend on x, which adds the two mean terms to dx:
    /// dx = w·invStd·(dy − mean(dy) − x̂·mean(dy·x̂)); otherwise dx = w·invStd·dy. dWeight = Σ dy·x̂, dBias = Σ dy.
    /// Null outputs are skipped (and their passes with them).
    /// </summary>
    public static void Backward(float[] x, float[] dy, int n, int c, int s, float[]? weight, float[] mean, float[] invStd,
        bool batchStats, float[]? dx, float[]? dWeight, float[]? dBias)
    {
        if ((long)n * c * s == 0)
        {
            dWeight?.AsSpan(0, c).Clear();
            dBias?.AsSpan(0, c).Clear();
            return;
        }
        if (s == 1)
        {
            float[] sumDy = ArrayPool<float>.Shared.Rent(c), dot = ArrayPool<float>.Shared.Rent(c);
            float[] alpha = ArrayPool<float>.Shared.Rent(c), beta = ArrayPool<float>.Shared.Rent(c), gamma = ArrayPool<float>.Shared.Rent(c);
            try
            {
                var work = new ColumnBackward
                {
                    X = x, Dy = dy, N = n, C = c, Weight = weight, Mean = mean, InvStd = invStd, BatchStats = batchStats,
                    Dx = dx, DWeight = dWeight, DBias = dBias, SumDy = sumDy, Dot = dot, Alpha = alpha, Beta = beta, Gamma = gamma,
                };
                CpuParallel.For(c, work, Math.Max(16, ParallelGrain / n));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(sumDy);
                ArrayPool<float>.Shared.Return(dot);
                ArrayPool<float>.Shared.Return(alpha);
                ArrayPool<float>.Shared.Return(beta);
                ArrayPool<float>.Shared.Return(gamma);
            }
        }
        else
        {
            var work = new PlanarBackward
            {
                X = x, Dy = dy, N = n, C = c, S = s, Weight = weight, Mean = mean, InvStd = invStd, BatchStats = batchStats,
                Dx = dx, DWeight = dWeight, DBias = dBias,
            };
            CpuParallel.For(c, work, Math.Max(1, ParallelGrain / (n * s)));
        }
    }

    private struct PlanarForward : IParallelWork
    {
        public float[] X, Y, Mean, Variance, InvStd;
        public float[]? Weight, Bias;
        public int N, C, S;
        public bool BatchStats;
        public float Eps;

        public readonly void Execute(int start, int end)
        {
            long count = (long)N * S;
            for (int ch = start; ch < end; ch++)
            {
                if (BatchStats)
                {
                    // Per-run float sums, totalled in double: exact enough for 10^5+ elements per channel.
                    double total = 0;
                    for (int i = 0; i < N; i++) total += SpanVectorOps.Sum(X.AsSpan((i * C + ch) * S, S));
                    float m = (float)(total / count);
                    double squares = 0;
                    for (int i = 0; i < N; i++) squares += SpanVectorOps.SumSquaredDeviation(X.AsSpan((i * C + ch) * S, S), m);
                    Mean[ch] = m;
                    Variance[ch] = (float)(squares / count);
                }
                float inv = 1f / MathF.Sqrt(Variance[ch] + Eps);
                InvStd[ch] = inv;
                float scale = (Weight is null ? 1f : Weight[ch]) * inv;
                float shift = (Bias is null ? 0f : Bias[ch]) - Mean[ch] * scale;
                for (int i = 0; i < N; i++)
                {
                    int o = (i * C + ch) * S;
                    SpanVectorOps.Affine(X.AsSpan(o, S), scale, shift, Y.AsSpan(o, S));
                }
            }
        }
    }

    private struct ColumnForward : IParallelWork
    {
        public float[] X, Y, Mean, Variance, InvStd, Scale, Shift;
        public float[]? Weight, Bias;
        public int N, C;
        public bool BatchStats;
        public float Eps;

        public readonly void Execute(int start, int end)
        {
            int width = end - start;
            var mean = Mean.AsSpan(start, width);
            var variance = Variance.AsSpan(start, width);
            if (BatchStats)
            {
                mean.Clear();
                for (int i = 0; i < N; i++) SpanVectorOps.AddTo(X.AsSpan(i * C + start, width), mean);
                SpanVectorOps.Scale(mean, 1f / N, mean);
                variance.Clear();
                for (int i = 0; i < N; i++) SpanVectorOps.AddSquaredDeviation(X.AsSpan(i * C + start, width), mean, variance);
                SpanVectorOps.Scale(variance, 1f / N, variance);
            }
            for (int ch = start; ch < end; ch++)
            {
                float inv = 1f / MathF.Sqrt(Variance[ch] + Eps);
                InvStd[ch] = inv;
                Scale[ch] = (Weight is null ? 1f : Weight[ch]) * inv;
                Shift[ch] = (Bias is null ? 0f : Bias[ch]) - Mean[ch] * Scale[ch];
            }
            for (int i = 0; i < N; i++)
                SpanVectorOps.AffineColumns(X.AsSpan(i * C + start, width), Scale.AsSpan(start, width), Shift.AsSpan(start, width), Y.AsSpan(i * C + start, width));
        }
    }

    private struct PlanarBackward : IParallelWork
    {
        public float[] X, Dy, Mean, InvStd;
        public float[]? Weight, Dx, DWeight, DBias;
        public int N, C, S;
        public bool BatchStats;

        public readonly void Execute(int start, int end)
        {
            long count = (long)N * S;
            bool needSums = BatchStats || DWeight is not null || DBias is not null;
            for (int ch = start; ch < end; ch++)
            {
                float m = Mean[ch], inv = InvStd[ch];
                double sumDy = 0, dot = 0;
                if (needSums)
                {
                    for (int i = 0; i < N; i++)
                    {
                        int o = (i * C + ch) * S;
                        var (sd, dd) = SpanVectorOps.SumAndCenteredDot(Dy.AsSpan(o, S), X.AsSpan(o, S), m);
                        sumDy += sd;
                        dot += dd;
                    }
                }
                if (DBias is not null) DBias[ch] = (float)sumDy;
                if (DWeight is not null) DWeight[ch] = (float)(dot * inv);
                if (Dx is null) continue;
                float k = (Weight is null ? 1f : Weight[ch]) * inv;
                float beta = 0f, gamma = 0f;
                if (BatchStats)
                {
                    beta = (float)(-k * (double)inv * inv * dot / count);
                    gamma = (float)(-k * sumDy / count) - beta * m;
                }
                for (int i = 0; i < N; i++)
                {
                    int o = (i * C + ch) * S;
                    SpanVectorOps.Combine(Dy.AsSpan(o, S), X.AsSpan(o, S), k, beta, gamma, Dx.AsSpan(o, S));
                }
            }
        }
    }

    private struct ColumnBackward : IParallelWork
    {
        public float[] X, Dy, Mean, InvStd, SumDy, Dot, Alpha, Beta, Gamma;
        public float[]? Weight, Dx, DWeight, DBias;
        public int N, C;
        public bool BatchStats;

        public readonly void Execute(int start, int end)
        {
            int width = end - start;
            var sumDy = SumDy.AsSpan(start, width);
            var dot = Dot.AsSpan(start, width);
            var mean = Mean.AsSpan(start, width);
            sumDy.Clear();
            dot.Clear();
            for (int i = 0; i < N; i++)
                SpanVectorOps.AddSumAndCenteredDot(Dy.AsSpan(i * C + start, width), X.AsSpan(i * C + start, width), mean, sumDy, dot);
            for (int ch = start; ch < end; ch++)
            {
                float inv = InvStd[ch];
                if (DBias is not null) DBias[ch] = SumDy[ch];
                if (DWeight is not null) DWeight[ch] = Dot[ch] * inv;
                float k = (Weight is null ? 1f : Weight[ch]) * inv;
                Alpha[ch] = k;
                if (BatchStats)
                {
                    Beta[ch] = -k * inv * inv * Dot[ch] / N;
                    Gamma[ch] = -k * SumDy[ch] / N - Beta[ch] * Mean[ch];
                }
                else Beta[ch] = Gamma[ch] = 0f;
            }
            if (Dx is null) return;
            for (int i = 0; i < N; i++)
            {
                int o = i * C + start;
                SpanVectorOps.CombineColumns(Dy.AsSpan(o, width), X.AsSpan(o, width), Alpha.AsSpan(start, width), Beta.AsSpan(start, width), Gamma.AsSpan(start, width), Dx.AsSpan(o, width));
            }
        }
    }
}
