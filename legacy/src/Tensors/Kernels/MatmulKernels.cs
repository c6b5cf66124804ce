namespace MLVideo.Tensors.Kernels;

/// <summary>Batched GEMM driven by a <see cref="MatmulPlan"/>: the forward product and both input gradients.</summary>
internal static unsafe class MatmulKernels
{
    /// <summary>
    /// Below this many multiply-accumulates per matrix, the matrices themselves are spread over the cores
    /// (each GEMM then runs on one thread); above it, each GEMM uses the cores itself.
    /// </summary>
    private const long SmallMatrixMacs = 1L << 18;

    private enum Product { Forward, GradA, GradB }

    /// <summary>out[i] = A[i] B[i] for every output matrix i.</summary>
    public static void Forward(MatmulPlan plan, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        if (plan.FoldRows)
            Gemm.Sgemm(false, false, plan.Batch * plan.M, plan.N, plan.K, 1f, a, plan.K, b, plan.N, 0f, output, plan.N);
        else
            RunBatches(Product.Forward, plan, a, b, output, distinctDestinations: true);
    }

    /// <summary>
    /// gradA[matrix of i] += gOut[i] B[i]^T, summed over the outputs that share an A matrix (broadcast).
    /// <paramref name="gradA"/> must be zeroed (it has A's shape).
    /// </summary>
    public static void GradA(MatmulPlan plan, ReadOnlySpan<float> gradOut, ReadOnlySpan<float> b, Span<float> gradA)
    {
        if (plan.FoldRows)
            Gemm.Sgemm(false, true, plan.Batch * plan.M, plan.K, plan.N, 1f, gradOut, plan.N, b, plan.N, 0f, gradA, plan.K);
        else
            RunBatches(Product.GradA, plan, gradOut, b, gradA, !plan.ABroadcast);
    }

    /// <summary>
    /// gradB[matrix of i] += A[i]^T gOut[i], summed over the outputs that share a B matrix (broadcast).
    /// <paramref name="gradB"/> must be zeroed (it has B's shape).
    /// </summary>
    public static void GradB(MatmulPlan plan, ReadOnlySpan<float> a, ReadOnlySpan<float> gradOut, Span<float> gradB)
    {
        if (plan.FoldRows)
            Gemm.Sgemm(true, false, plan.K, plan.N, plan.Batch * plan.M, 1f, a, plan.K, gradOut, plan.N, 0f, gradB, plan.N);
        else
            RunBatches(Product.GradB, plan, a, gradOut, gradB, !plan.BBroadcast);
    }

    /// <summary>
    /// Runs every matrix product of the batch. Small matrices go to the cores in parallel, but only when
    /// no two products write the same destination matrix (a broadcast operand's gradient is summed in
    /// batch order on one thread, which keeps the result independent of the thread count).
    /// </summary>
    private static void RunBatches(Product product, MatmulPlan plan, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, bool distinctDestinations)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        fixed (float* pd = destination)
        {
            var work = new BatchWork(product, plan, px, x.Length, py, y.Length, pd, destination.Length);
            long macsPerMatrix = (long)plan.M * plan.N * plan.K;
            if (distinctDestinations && macsPerMatrix < SmallMatrixMacs)
                CpuParallel.For(plan.Batch, work, (int)Math.Clamp(SmallMatrixMacs / Math.Max(1, macsPerMatrix), 1, plan.Batch));
            else
                work.Execute(0, plan.Batch);
        }
    }

    /// <summary>Products [start, end) of the batch (operands pinned by <see cref="RunBatches"/>).</summary>
    private readonly struct BatchWork(Product product, MatmulPlan plan, float* x, int xLength, float* y, int yLength, float* destination, int destinationLength)
        : IParallelWork
    {
        public void Execute(int start, int end)
        {
            var xs = new ReadOnlySpan<float>(x, xLength);
            var ys = new ReadOnlySpan<float>(y, yLength);
            var ds = new Span<float>(destination, destinationLength);
            int m = plan.M, n = plan.N, k = plan.K;
            for (int i = start; i < end; i++)
            {
                switch (product)
                {
                    case Product.Forward: // out[i] = A[i] B[i]
                        Gemm.Sgemm(false, false, m, n, k, 1f, xs[plan.AOffsets[i]..], k, ys[plan.BOffsets[i]..], n,
                            0f, ds.Slice(i * m * n, m * n), n);
                        break;
                    case Product.GradA: // dA[i] += dY[i] B[i]^T
                        Gemm.Sgemm(false, true, m, k, n, 1f, xs.Slice(i * m * n, m * n), n, ys[plan.BOffsets[i]..], n,
                            1f, ds[plan.AOffsets[i]..], k);
                        break;
                    default: // dB[i] += A[i]^T dY[i]
                        Gemm.Sgemm(true, false, k, n, m, 1f, xs[plan.AOffsets[i]..], k, ys.Slice(i * m * n, m * n), n,
                            1f, ds[plan.BOffsets[i]..], n);
                        break;
                }
            }
        }
    }
}
