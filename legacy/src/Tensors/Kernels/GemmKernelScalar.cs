namespace MLVideo.Tensors.Kernels;

/// <summary>Portable micro-kernel for machines without AVX2/FMA: a 4 x 4 tile in scalar locals.</summary>
internal readonly struct GemmKernelScalar : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static int MR => 4;

    /// <inheritdoc/>
    public static int NR => 4;

    /// <inheritdoc/>
    public static unsafe void Run(int kc, float* a, float* b, int ldb, float* c, int ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[16];
        for (int i = 0; i < 16; i++) acc[i] = 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float av = a[r];
                float* row = acc + r * 4;
                // MathF.FusedMultiplyAdd keeps the scalar path's rounding identical to the vector paths.
                row[0] = MathF.FusedMultiplyAdd(av, b[0], row[0]);
                row[1] = MathF.FusedMultiplyAdd(av, b[1], row[1]);
                row[2] = MathF.FusedMultiplyAdd(av, b[2], row[2]);
                row[3] = MathF.FusedMultiplyAdd(av, b[3], row[3]);
            }
            a += 4;
            b += ldb;
        }
        for (int r = 0; r < 4; r++)
        {
            float* cr = c + r * ldc;
            for (int j = 0; j < 4; j++)
                cr[j] = beta == 0f ? alpha * acc[r * 4 + j] : MathF.FusedMultiplyAdd(acc[r * 4 + j], alpha, beta * cr[j]);
        }
    }
}
