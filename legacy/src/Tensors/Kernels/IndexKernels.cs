namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Index-driven copies: <c>index_select</c> (whole inner runs per index) and <c>gather</c> (one element per
/// index), each with its scatter-add backward. Indices are validated by the caller.
/// </summary>
internal static class IndexKernels
{
    /// <summary>dst[o, i, :] = src[o, indices[i], :] for src (outer, n, inner) and dst (outer, indices.Length, inner).</summary>
    public static void IndexSelect(float[] src, float[] dst, int outer, int n, int inner, int[] indices)
    {
        int k = indices.Length;
        if (outer == 0 || k == 0 || inner == 0) return;
        var work = new SelectWork { Src = src, Dst = dst, N = n, K = k, Inner = inner, Indices = indices };
        CpuParallel.For(outer * k, work, Math.Max(1, StridedCopyKernels.ParallelGrain / inner));
    }

    /// <summary>gradIn[o, indices[i], :] += gradOut[o, i, :]; repeated indices accumulate.</summary>
    public static void IndexSelectBackward(float[] gradOut, float[] gradIn, int outer, int n, int inner, int[] indices)
    {
        int k = indices.Length;
        if (outer == 0 || k == 0 || inner == 0) return;
        var work = new SelectBackwardWork { GradOut = gradOut, GradIn = gradIn, N = n, K = k, Inner = inner, Indices = indices };
        // Parallel over `outer` only: repeated indices of one row add into the same run.
        CpuParallel.For(outer, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, k * inner)));
    }

    /// <summary>
    /// out[j] = x[j with its <paramref name="dim"/> coordinate replaced by index[j]] for every position j of
    /// <paramref name="indexShape"/> (the output's shape); <paramref name="inputStrides"/> are x's strides.
    /// </summary>
    public static void Gather(ReadOnlySpan<float> x, ReadOnlySpan<int> inputStrides, Span<float> output, ReadOnlySpan<int> index, ReadOnlySpan<int> indexShape, int dim)
    {
        int rank = indexShape.Length;
        Span<int> position = stackalloc int[rank];
        int baseOffset = 0; // input offset of the current position, without the `dim` coordinate
        for (int j = 0; j < index.Length; j++)
        {
            output[j] = x[baseOffset + index[j] * inputStrides[dim]];
            Advance(position, indexShape, inputStrides, dim, ref baseOffset);
        }
    }

    /// <summary>gradIn[position with index[j] at <paramref name="dim"/>] += gradOut[j] (the adjoint of <see cref="Gather"/>).</summary>
    public static void GatherBackward(ReadOnlySpan<float> gradOut, ReadOnlySpan<int> inputStrides, Span<float> gradIn, ReadOnlySpan<int> index, ReadOnlySpan<int> indexShape, int dim)
    {
        int rank = indexShape.Length;
        Span<int> position = stackalloc int[rank];
        int baseOffset = 0;
        for (int j = 0; j < index.Length; j++)
        {
            gradIn[baseOffset + index[j] * inputStrides[dim]] += gradOut[j];
            Advance(position, indexShape, inputStrides, dim, ref baseOffset);
        }
    }

    /// <summary>Row-major odometer step over <paramref name="shape"/>, tracking the input offset of every dimension but <paramref name="dim"/>.</summary>
    private static void Advance(Span<int> position, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int dim, ref int offset)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            int stride = d == dim ? 0 : strides[d];
            offset += stride;
            if (++position[d] < shape[d]) return;
            offset -= stride * shape[d];
            position[d] = 0;
        }
    }

    private struct SelectWork : IParallelWork
    {
        public float[] Src;
        public float[] Dst;
        public int N;
        public int K;
        public int Inner;
        public int[] Indices;

        public readonly void Execute(int start, int end)
        {
            for (int u = start; u < end; u++)
            {
                int o = u / K, i = u - o * K;
                Src.AsSpan((o * N + Indices[i]) * Inner, Inner).CopyTo(Dst.AsSpan(u * Inner, Inner));
            }
        }
    }

    private struct SelectBackwardWork : IParallelWork
    {
        public float[] GradOut;
        public float[] GradIn;
        public int N;
        public int K;
        public int Inner;
        public int[] Indices;

        public readonly void Execute(int start, int end)
        {
            for (int o = start; o < end; o++)
                for (int i = 0; i < K; i++)
                    ElementwiseKernels.AddInPlace(
                        GradIn.AsSpan((o * N + Indices[i]) * Inner, Inner),
                        GradOut.AsSpan((o * K + i) * Inner, Inner));
        }
    }
}
