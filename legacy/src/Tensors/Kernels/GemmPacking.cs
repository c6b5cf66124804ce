using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Copies blocks of A and B into the strip layouts the micro-kernels read sequentially, padding the
/// last strip with zeros so the kernel never needs a bounds check.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] as strips of <paramref name="mr"/> rows: strip s holds, for
    /// each p, the mr values op(A)[i0 + s*mr + r, p0 + p] (zero past row mc).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int lda, bool transA, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* d = dst + (long)ir * kc;
            if (transA)
            {
                // A is stored k x m: row p of the storage holds the mr values of column p, contiguous.
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (long)(p0 + p) * lda + i0 + ir;
                    float* dp = d + p * mr;
                    new ReadOnlySpan<float>(src, rows).CopyTo(new Span<float>(dp, rows));
                    for (int r = rows; r < mr; r++) dp[r] = 0f;
                }
            }
            else
            {
                // A is stored m x k: transpose an mr x kc block.
                TransposeInto(a + (long)(i0 + ir) * lda + p0, lda, rows, kc, d, mr);
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) d[p * mr + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as strips of <paramref name="nr"/> columns: strip s holds,
    /// for each p, the nr values op(B)[p0 + p, j0 + s*nr + j] (zero past column nc).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, bool transB, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* d = dst + (long)jr * kc;
            if (!transB)
            {
                // B is stored k x n: each row of the strip is a contiguous run of the storage row.
                for (int p = 0; p < kc; p++)
                {
                    float* src = b + (long)(p0 + p) * ldb + j0 + jr;
                    float* dp = d + p * nr;
                    new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(dp, cols));
                    for (int j = cols; j < nr; j++) dp[j] = 0f;
                }
            }
            else
            {
                // B is stored n x k: transpose a kc x nr block (source rows are output columns).
                TransposeInto(b + (long)(j0 + jr) * ldb + p0, ldb, cols, kc, d, nr);
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) d[p * nr + j] = 0f;
            }
        }
    }

    /// <summary>
    /// dst[p * ldd + r] = src[r * lds + p] for r &lt; rows, p &lt; cols. Whole 4 x 4 blocks go through SSE
    /// registers (4 loads, 8 shuffles, 4 stores per 16 values), several times faster than a scalar
    /// strided copy, which otherwise costs a noticeable share of a GEMM's time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeInto(float* src, int lds, int rows, int cols, float* dst, int ldd)
    {
        int r = 0;
        if (Sse.IsSupported)
        {
            int cols4 = cols & ~3;
            for (; r + 4 <= rows; r += 4)
            {
                float* s0 = src + (long)r * lds;
                int p = 0;
                for (; p < cols4; p += 4) Transpose4x4(s0 + p, lds, dst + (long)p * ldd + r, ldd);
                for (; p < cols; p++)
                    for (int rr = 0; rr < 4; rr++) dst[(long)p * ldd + r + rr] = s0[(long)rr * lds + p];
            }
        }
        for (; r < rows; r++)
        {
            float* s = src + (long)r * lds;
            for (int p = 0; p < cols; p++) dst[(long)p * ldd + r] = s[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Sse.LoadVector128(src);
        var r1 = Sse.LoadVector128(src + lds);
        var r2 = Sse.LoadVector128(src + 2L * lds);
        var r3 = Sse.LoadVector128(src + 3L * lds);
        var t0 = Sse.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
        var t1 = Sse.UnpackLow(r2, r3);   // r2[0] r3[0] r2[1] r3[1]
        var t2 = Sse.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3]
        var t3 = Sse.UnpackHigh(r2, r3);  // r2[2] r3[2] r2[3] r3[3]
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(dst + ldd, Sse.MoveHighToLow(t1, t0));
        Sse.Store(dst + 2L * ldd, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(dst + 3L * ldd, Sse.MoveHighToLow(t3, t2));
    }
}
