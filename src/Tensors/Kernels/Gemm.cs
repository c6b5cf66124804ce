namespace MLVideo.Tensors.Kernels;

// OWNER: GEMM helper (replace the body with the packed, blocked, vectorised, parallel kernel).
/// <summary>Single-precision general matrix multiply on row-major spans.</summary>
internal static class Gemm
{
    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C, row-major, where op(A) is m x k (A stored k x m with leading
    /// dimension lda if <paramref name="transA"/>), op(B) is k x n, C is m x n with leading dimension ldc.
    /// beta = 0 overwrites C (NaNs in C ignored), beta = 1 accumulates.
    /// </summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        // Reference implementation (correct, slow) until the blocked kernel lands.
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += av * bv;
                }
                ref float cv = ref c[i * ldc + j];
                cv = beta == 0f ? alpha * s : alpha * s + beta * cv;
            }
        }
    }
}
