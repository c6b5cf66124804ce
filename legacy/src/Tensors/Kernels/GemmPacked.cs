using System.Runtime.CompilerServices;
using System.Buffers;

namespace MLVideo.Tensors.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Below this many multiply-accumulates per chunk a second thread costs more than it saves
    /// (a thread-pool hand-off is worth roughly a million MACs here).
    /// </summary>
    private const long MinMacsPerChunk = 1L << 21;

    /// <summary>Up to this many rows of C (per thread), an untransposed B is read in place rather than packed.</summary>
    internal static int InPlaceBMaxRows { get; set; } = 144;

    /// <summary>The packed, blocked, multi-threaded path (arguments already validated).</summary>
    internal static unsafe void SgemmPacked(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, GemmBlockSizes sizes)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }
        // The spans stay pinned for the whole (synchronous) parallel loop, so the work items can carry pointers.
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var problem = new PackedProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, sizes);
            switch (ActiveVectorBits)
            {
                case 512: RunParallel<GemmKernel512>(problem); break;
                case 256: RunParallel<GemmKernel256>(problem); break;
                default: RunParallel<GemmKernelScalar>(problem); break;
            }
        }
    }

    private static void RunParallel<TKernel>(PackedProblem problem) where TKernel : struct, IGemmMicroKernel
    {
        // Split the longer side of C into whole strips; each thread then runs the full loop nest on its
        // own columns (or rows), packing its own panels, so threads never wait on each other.
        bool splitColumns = problem.N >= problem.M;
        int unit = splitColumns ? TKernel.NR : TKernel.MR;
        int strips = ((splitColumns ? problem.N : problem.M) + unit - 1) / unit;
        long macsPerStrip = (long)unit * (splitColumns ? problem.M : problem.N) * problem.K;
        int minStripsPerChunk = (int)Math.Clamp(MinMacsPerChunk / Math.Max(1, macsPerStrip), 1, strips);
        CpuParallel.For(strips, new PackedWork<TKernel>(problem, splitColumns), minStripsPerChunk);
    }

    /// <summary>A validated problem with pinned operands (valid only during <see cref="SgemmPacked"/>).</summary>
    private readonly unsafe struct PackedProblem(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, GemmBlockSizes sizes)
    {
        public readonly bool TransA = transA, TransB = transB;
        public readonly int M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly float* A = a, B = b, C = c;
        public readonly GemmBlockSizes Sizes = sizes;
    }

    /// <summary>One thread's share: strips [start, end) of the split side of C.</summary>
    private readonly struct PackedWork<TKernel>(PackedProblem problem, bool splitColumns) : IParallelWork
        where TKernel : struct, IGemmMicroKernel
    {
        public void Execute(int start, int end)
        {
            if (splitColumns)
                RunBlocked<TKernel>(problem, 0, problem.M, start * TKernel.NR, Math.Min(problem.N, end * TKernel.NR));
            else
                RunBlocked<TKernel>(problem, start * TKernel.MR, Math.Min(problem.M, end * TKernel.MR), 0, problem.N);
        }
    }

    /// <summary>The Goto/BLIS loop nest over rows [m0, m1) and columns [n0, n1) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunBlocked<TKernel>(in PackedProblem p, int m0, int m1, int n0, int n1)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int kcBlock = Math.Max(1, p.Sizes.KC);
        int mcBlock = RoundUp(Math.Max(1, p.Sizes.MC), mr);
        int ncBlock = RoundUp(Math.Max(1, p.Sizes.NC), nr);
        int kcMax = Math.Min(kcBlock, p.K);
        int mcMax = Math.Min(mcBlock, RoundUp(m1 - m0, mr));
        int ncMax = Math.Min(ncBlock, RoundUp(n1 - n0, nr));

        // Scratch is rented once per thread share, never inside the loops; +16 floats leave room to
        // start each pack on a 64-byte boundary (whole cache lines, aligned vector loads).
        // With few rows of C each B strip serves only a few micro-kernel calls, too few to repay copying
        // it: then B (untransposed) is read in place, strip rows ldb apart. Not when ldb is a multiple of
        // 256 floats: rows 1 KiB apart land in the same cache sets and evict each other.
        bool readBInPlace = !p.TransB && m1 - m0 <= InPlaceBMaxRows && p.Ldb % 256 != 0;
        float[] aScratch = ArrayPool<float>.Shared.Rent(mcMax * kcMax + 16);
        float[] bScratch = ArrayPool<float>.Shared.Rent(ncMax * kcMax + 16);
        float* edgeTile = stackalloc float[mr * nr];
        try
        {
            fixed (float* aRaw = aScratch)
            fixed (float* bRaw = bScratch)
            {
                float* aPack = AlignTo64(aRaw);
                float* bPack = AlignTo64(bRaw);
                for (int jc = n0; jc < n1; jc += ncBlock)
                {
                    int nc = Math.Min(ncBlock, n1 - jc);
                    for (int pc = 0; pc < p.K; pc += kcBlock)
                    {
                        int kc = Math.Min(kcBlock, p.K - pc);
                        if (!readBInPlace) GemmPacking.PackB(p.B, p.Ldb, p.TransB, pc, kc, jc, nc, nr, bPack);
                        // beta applies once, on the first K block; later blocks accumulate.
                        float beta = pc == 0 ? p.Beta : 1f;
                        for (int ic = m0; ic < m1; ic += mcBlock)
                        {
                            int mc = Math.Min(mcBlock, m1 - ic);
                            GemmPacking.PackA(p.A, p.Lda, p.TransA, ic, mc, pc, kc, mr, aPack);
                            for (int jr = 0; jr < nc; jr += nr)
                            {
                                int cols = Math.Min(nr, nc - jr);
                                float* bStrip = bPack + (long)jr * kc;
                                int bStride = nr;
                                if (readBInPlace)
                                {
                                    if (cols == nr)
                                    {
                                        bStrip = p.B + (long)pc * p.Ldb + jc + jr;
                                        bStride = p.Ldb;
                                    }
                                    else
                                    {
                                        // The last, partial strip is packed (zero-padded) so the kernel never reads past B.
                                        bStrip = bPack;
                                        GemmPacking.PackB(p.B, p.Ldb, false, pc, kc, jc + jr, cols, nr, bPack);
                                    }
                                }
                                for (int ir = 0; ir < mc; ir += mr)
                                {
                                    int rows = Math.Min(mr, mc - ir);
                                    float* aStrip = aPack + (long)ir * kc;
                                    float* cTile = p.C + (long)(ic + ir) * p.Ldc + jc + jr;
                                    if (rows == mr && cols == nr)
                                        TKernel.Run(kc, aStrip, bStrip, bStride, cTile, p.Ldc, p.Alpha, beta);
                                    else
                                    {
                                        TKernel.Run(kc, aStrip, bStrip, bStride, edgeTile, nr, 1f, 0f);
                                        StoreEdge(edgeTile, nr, cTile, p.Ldc, rows, cols, p.Alpha, beta);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(aScratch);
            ArrayPool<float>.Shared.Return(bScratch);
        }
    }

    /// <summary>Writes the valid rows x cols corner of a full tile computed into scratch (same rounding as the kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void StoreEdge(float* tile, int ldt, float* c, int ldc, int rows, int cols, float alpha, float beta)
    {
        for (int r = 0; r < rows; r++)
        {
            float* t = tile + r * ldt;
            float* cr = c + (long)r * ldc;
            if (beta == 0f)
                for (int j = 0; j < cols; j++) cr[j] = t[j] * alpha;
            else
                for (int j = 0; j < cols; j++) cr[j] = MathF.FusedMultiplyAdd(t[j], alpha, cr[j] * beta);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static unsafe float* AlignTo64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);
}
