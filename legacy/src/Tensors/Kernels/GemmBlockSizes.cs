namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Cache blocking of the packed GEMM: an A block of MC x KC floats stays in L2 (288 KiB of the 1 MiB L2
/// per core here), a B strip of KC x NR floats streams through L1/L2, a B panel of KC x NC sits in L3.
/// </summary>
/// <param name="MC">Rows of A packed per block (rounded up to a multiple of the kernel's MR).</param>
/// <param name="KC">Depth of one packed block; C is updated once per KC block.</param>
/// <param name="NC">Columns of B packed per panel (rounded up to a multiple of the kernel's NR).</param>
internal readonly record struct GemmBlockSizes(int MC, int KC, int NC)
{
    /// <summary>
    /// Sizes measured on the 2-core AVX-512 machine (single-thread 2048^3, CPU time, so that other load on
    /// the shared machine does not decide): KC 512 beat 256 by 5-8% (half as many passes over C), MC 96..384
    /// and NC 512..2048 were within noise. A multiple of both MR values (12 and 6).
    /// </summary>
    public static GemmBlockSizes Default { get; } = new(MC: 144, KC: 512, NC: 2048);
}
