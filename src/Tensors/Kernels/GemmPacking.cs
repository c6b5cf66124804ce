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
                // A is stored m x k: transpose an mr x kc block, one source row at a time.
                for (int r = 0; r < rows; r++)
                {
                    float* src = a + (long)(i0 + ir + r) * lda + p0;
                    float* dp = d + r;
                    for (int p = 0; p < kc; p++) dp[p * mr] = src[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) d[p * mr + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as strips of <paramref name="nr"/> columns: strip s holds,
    /// for each p, the nr values op(B)[p0 + p, j0 + s*nr + j] (zero past column nc).
    /// </summary>
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
                // B is stored n x k: transpose a kc x nr block, one source row (= output column) at a time.
                for (int j = 0; j < cols; j++)
                {
                    float* src = b + (long)(j0 + jr + j) * ldb + p0;
                    float* dp = d + j;
                    for (int p = 0; p < kc; p++) dp[p * nr] = src[p];
                }
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) d[p * nr + j] = 0f;
            }
        }
    }
}
