namespace MLVideo.Tensors.Kernels;

/// <summary>
/// A GEMM micro-kernel: multiplies one packed MR x kc strip of A by one packed kc x NR strip of B and
/// writes the MR x NR result to C as <c>C = alpha * AB + beta * C</c> (beta = 0 overwrites).
/// A static-abstract struct so the blocked driver is specialised per kernel (no virtual call per tile).
/// </summary>
internal interface IGemmMicroKernel
{
    /// <summary>Rows of the C tile (the height of a packed A strip).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the C tile (the width of a packed B strip).</summary>
    static abstract int NR { get; }

    /// <summary>
    /// Runs the tile. <paramref name="a"/> holds kc groups of MR values (column p of the strip);
    /// <paramref name="b"/> holds row p of the kc x NR strip at <c>b + p * ldb</c> (ldb = NR when packed, the
    /// matrix's own leading dimension when B is read in place); <paramref name="c"/> is the tile's top-left
    /// element in a row-major matrix with leading dimension <paramref name="ldc"/>.
    /// </summary>
    static abstract unsafe void Run(int kc, float* a, float* b, int ldb, float* c, int ldc, float alpha, float beta);
}
