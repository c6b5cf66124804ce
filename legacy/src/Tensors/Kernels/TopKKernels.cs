using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Top-k along the middle axis of an (outer, n, inner) layout. The order is total, so results do not
/// depend on the algorithm: by value (NaN counts as the largest value, as in PyTorch), ties broken
/// by the lower index first.
/// </summary>
internal static class TopKKernels
{
    /// <summary>Up to this k an insertion into a sorted k-buffer (O(n k) worst case) beats sorting the line.</summary>
    private const int InsertionMaxK = 32;

    /// <summary>
    /// values[o, j, i] and indices[o, j, i] (j &lt; k) are the j-th best element of line x[o, :, i] and its
    /// position along the line.
    /// </summary>
    public static void TopK(float[] x, int outer, int n, int inner, int k, bool largest, float[] values, int[] indices)
    {
        if (outer == 0 || inner == 0 || k == 0) return;
        var work = new TopKWork { X = x, N = n, Inner = inner, K = k, Largest = largest, Values = values, Indices = indices };
        CpuParallel.For(outer * inner, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, n)));
    }

    /// <summary>True if (va, ia) ranks before (vb, ib).</summary>
    internal static bool Before(float va, int ia, float vb, int ib, bool largest)
    {
        if (va == vb) return ia < ib;
        bool aNaN = float.IsNaN(va), bNaN = float.IsNaN(vb);
        if (aNaN || bNaN) return aNaN && bNaN ? ia < ib : (largest ? aNaN : bNaN);
        return largest ? va > vb : va < vb;
    }

    private readonly struct LineComparer(float[] line, bool largest) : IComparer<int>
    {
        public int Compare(int a, int b) => a == b ? 0 : Before(line[a], a, line[b], b, largest) ? -1 : 1;
    }

    private struct TopKWork : IParallelWork
    {
        public float[] X;
        public int N;
        public int Inner;
        public int K;
        public bool Largest;
        public float[] Values;
        public int[] Indices;

        public readonly void Execute(int start, int end)
        {
            // Scratch per chunk, rented once: the line's values and a candidate order.
            float[] line = ArrayPool<float>.Shared.Rent(N);
            int[] order = ArrayPool<int>.Shared.Rent(N);
            try
            {
                for (int u = start; u < end; u++)
                {
                    int o = u / Inner, i = u - o * Inner;
                    int src = o * N * Inner + i;
                    for (int j = 0; j < N; j++) line[j] = X[src + j * Inner];
                    if (K <= InsertionMaxK) SelectByInsertion(line, order);
                    else
                    {
                        for (int j = 0; j < N; j++) order[j] = j;
                        order.AsSpan(0, N).Sort(new LineComparer(line, Largest));
                    }
                    int dst = o * K * Inner + i;
                    for (int j = 0; j < K; j++)
                    {
                        Values[dst + j * Inner] = line[order[j]];
                        Indices[dst + j * Inner] = order[j];
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(line);
                ArrayPool<int>.Shared.Return(order);
            }
        }

        /// <summary>Keeps order[0..K) sorted best-first while scanning the line once.</summary>
        private readonly void SelectByInsertion(float[] line, int[] order)
        {
            int count = 0;
            for (int j = 0; j < N; j++)
            {
                float v = line[j];
                if (count == K && !Before(v, j, line[order[K - 1]], order[K - 1], Largest)) continue;
                int p = count == K ? K - 1 : count++;
                // Later indices never rank before an equal earlier one, so ties keep index order.
                while (p > 0 && Before(v, j, line[order[p - 1]], order[p - 1], Largest))
                {
                    order[p] = order[p - 1];
                    p--;
                }
                order[p] = j;
            }
        }
    }
}
