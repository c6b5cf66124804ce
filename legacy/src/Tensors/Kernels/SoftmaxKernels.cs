using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Softmax and log-softmax over the middle axis of an (outer, n, inner) view, forward and backward.
/// The line maximum is subtracted before exponentiating, so any magnitude is safe. Lines of the
/// last dimension (inner = 1) are contiguous spans; otherwise a block of n rows of width inner is
/// processed row by row with per-lane maxima and sums.
/// </summary>
internal static class SoftmaxKernels
{
    /// <summary>y = softmax(x) or log_softmax(x) along the axis.</summary>
    public static void Forward(float[] x, float[] y, int outer, int n, int inner, bool log) =>
        Run(new ForwardWork(x, y, n, inner, log), outer, n, inner);

    /// <summary>
    /// Input gradient from the output y and its gradient g: y * (g - sum(g * y)) for softmax,
    /// g - e^y * sum(g) for log-softmax (PyTorch's rules).
    /// </summary>
    public static void Backward(float[] y, float[] g, float[] gradInput, int outer, int n, int inner, bool log) =>
        Run(new BackwardWork(y, g, gradInput, n, inner, log), outer, n, inner);

    private static void Run<TWork>(TWork work, int outer, int n, int inner) where TWork : struct, IParallelWork
    {
        long total = (long)outer * n * inner;
        if (total == 0) return;
        if (total < 2 * UnaryKernels.ParallelChunk) work.Execute(0, outer);
        else CpuParallel.For(outer, work, (int)Math.Max(1, UnaryKernels.ParallelChunk / Math.Max(1L, (long)n * inner)));
    }

    private readonly struct ForwardWork(float[] x, float[] y, int n, int inner, bool log) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int block = n * inner;
            if (inner == 1)
            {
                for (int o = start; o < end; o++) Line(x.AsSpan(o * n, n), y.AsSpan(o * n, n));
                return;
            }
            float[] scratch = ArrayPool<float>.Shared.Rent(2 * inner);
            try
            {
                Span<float> max = scratch.AsSpan(0, inner), sum = scratch.AsSpan(inner, inner);
                for (int o = start; o < end; o++)
                {
                    int b = o * block;
                    x.AsSpan(b, inner).CopyTo(max);
                    for (int j = 1; j < n; j++) BinaryKernels.Apply(new MaximumOperator(), max, x.AsSpan(b + j * inner, inner), max);
                    sum.Clear();
                    for (int j = 0; j < n; j++)
                    {
                        Span<float> row = y.AsSpan(b + j * inner, inner);
                        BinaryKernels.Apply(new ExpOfDifferenceOperator(), x.AsSpan(b + j * inner, inner), max, row);
                        ElementwiseKernels.AddInPlace(sum, row);
                    }
                    if (log)
                    {
                        UnaryKernels.Apply(new LogOperator(), sum, sum);
                        for (int j = 0; j < n; j++)
                        {
                            Span<float> row = y.AsSpan(b + j * inner, inner);
                            BinaryKernels.Apply(new SubtractOperator(), x.AsSpan(b + j * inner, inner), max, row);
                            BinaryKernels.Apply(new SubtractOperator(), row, sum, row);
                        }
                    }
                    else
                    {
                        for (int j = 0; j < n; j++)
                        {
                            Span<float> row = y.AsSpan(b + j * inner, inner);
                            BinaryKernels.Apply(new DivideOperator(), row, sum, row);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        }

        private void Line(ReadOnlySpan<float> xs, Span<float> ys)
        {
            float max = ReductionKernels.Max(xs);
            BinaryKernels.ApplyScalarRight(new ExpOfDifferenceOperator(), xs, max, ys);
            float sum = ReductionKernels.Sum(ys);
            if (log)
            {
                float logSum = MathF.Log(sum);
                BinaryKernels.ApplyScalarRight(new SubtractOperator(), xs, max, ys);
                BinaryKernels.ApplyScalarRight(new SubtractOperator(), ys, logSum, ys);
            }
            else BinaryKernels.ApplyScalarRight(new DivideOperator(), ys, sum, ys);
        }
    }

    private readonly struct BackwardWork(float[] y, float[] g, float[] gradInput, int n, int inner, bool log) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int block = n * inner;
            if (inner == 1)
            {
                for (int o = start; o < end; o++) Line(y.AsSpan(o * n, n), g.AsSpan(o * n, n), gradInput.AsSpan(o * n, n));
                return;
            }
            float[] scratch = ArrayPool<float>.Shared.Rent(2 * inner);
            try
            {
                Span<float> acc = scratch.AsSpan(0, inner), tmp = scratch.AsSpan(inner, inner);
                for (int o = start; o < end; o++)
                {
                    int b = o * block;
                    acc.Clear();
                    for (int j = 0; j < n; j++)
                    {
                        var gRow = g.AsSpan(b + j * inner, inner);
                        if (log) ElementwiseKernels.AddInPlace(acc, gRow);
                        else
                        {
                            BinaryKernels.Apply(new MultiplyOperator(), gRow, y.AsSpan(b + j * inner, inner), tmp);
                            ElementwiseKernels.AddInPlace(acc, tmp);
                        }
                    }
                    for (int j = 0; j < n; j++)
                    {
                        var yRow = y.AsSpan(b + j * inner, inner);
                        var gRow = g.AsSpan(b + j * inner, inner);
                        var dRow = gradInput.AsSpan(b + j * inner, inner);
                        if (log)
                        {
                            UnaryKernels.Apply(new ExpOperator(), yRow, dRow);
                            BinaryKernels.Apply(new MultiplyOperator(), dRow, acc, dRow);
                            BinaryKernels.Apply(new SubtractOperator(), gRow, dRow, dRow);
                        }
                        else
                        {
                            BinaryKernels.Apply(new SubtractOperator(), gRow, acc, dRow);
                            BinaryKernels.Apply(new MultiplyOperator(), yRow, dRow, dRow);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        }

        private void Line(ReadOnlySpan<float> ys, ReadOnlySpan<float> gs, Span<float> ds)
        {
            if (log)
            {
                float sum = ReductionKernels.Sum(gs);
                UnaryKernels.Apply(new ExpOperator(), ys, ds);
                BinaryKernels.ApplyScalarRight(new MultiplyOperator(), ds, sum, ds);
                BinaryKernels.Apply(new SubtractOperator(), gs, ds, ds);
            }
            else
            {
                float dot = ReductionKernels.Dot(gs, ys);
                BinaryKernels.ApplyScalarRight(new SubtractOperator(), gs, dot, ds);
                BinaryKernels.Apply(new MultiplyOperator(), ys, ds, ds);
            }
        }
    }
}
