namespace MLVideo.Tensors.Kernels;

/// <summary>Batched GEMM driven by a <see cref="MatmulPlan"/>: the forward product and both input gradients.</summary>
internal static class MatmulKernels
{
    /// <summary>out[i] = A[i] B[i] for every output matrix i.</summary>
    public static void Forward(MatmulPlan plan, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        int m = plan.M, n = plan.N, k = plan.K;
        if (plan.FoldRows)
        {
            Gemm.Sgemm(false, false, plan.Batch * m, n, k, 1f, a, k, b, n, 0f, output, n);
            return;
        }
        for (int i = 0; i < plan.Batch; i++)
            Gemm.Sgemm(false, false, m, n, k, 1f, a[plan.AOffsets[i]..], k, b[plan.BOffsets[i]..], n, 0f, output.Slice(i * m * n, m * n), n);
    }

    /// <summary>
    /// gradA[matrix of i] += gOut[i] B[i]^T, summed over the outputs that share an A matrix (broadcast).
    /// <paramref name="gradA"/> must be zeroed (it has A's shape).
    /// </summary>
    public static void GradA(MatmulPlan plan, ReadOnlySpan<float> gradOut, ReadOnlySpan<float> b, Span<float> gradA)
    {
        int m = plan.M, n = plan.N, k = plan.K;
        if (plan.FoldRows)
        {
            Gemm.Sgemm(false, true, plan.Batch * m, k, n, 1f, gradOut, n, b, n, 0f, gradA, k);
            return;
        }
        for (int i = 0; i < plan.Batch; i++)
            Gemm.Sgemm(false, true, m, k, n, 1f, gradOut.Slice(i * m * n, m * n), n, b[plan.BOffsets[i]..], n, 1f, gradA[plan.AOffsets[i]..], k);
    }

    /// <summary>
    /// gradB[matrix of i] += A[i]^T gOut[i], summed over the outputs that share a B matrix (broadcast).
    /// <paramref name="gradB"/> must be zeroed (it has B's shape).
    /// </summary>
    public static void GradB(MatmulPlan plan, ReadOnlySpan<float> a, ReadOnlySpan<float> gradOut, Span<float> gradB)
    {
        int m = plan.M, n = plan.N, k = plan.K;
        if (plan.FoldRows)
        {
            Gemm.Sgemm(true, false, k, n, plan.Batch * m, 1f, a, k, gradOut, n, 0f, gradB, n);
            return;
        }
        for (int i = 0; i < plan.Batch; i++)
            Gemm.Sgemm(true, false, k, n, m, 1f, a[plan.AOffsets[i]..], k, gradOut.Slice(i * m * n, m * n), n, 1f, gradB[plan.BOffsets[i]..], n);
    }
}
