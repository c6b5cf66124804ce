namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Cache blocking of the packed GEMM: an A block of MC x KC floats stays in L2, a B strip of KC x NR
/// floats in L1 (32 KiB at KC 256, NR 32, of the 48 KiB L1 here), a B panel of KC x NC in L3.
/// </summary>
/// <param name="MC">Rows of A packed per block (rounded up to a multiple of the kernel's MR).</param>
/// <param name="KC">Depth of one packed block; C is updated once per KC block.</param>
/// <param name="NC">Columns of B packed per panel (rounded up to a multiple of the kernel's NR).</param>
internal readonly record struct GemmBlockSizes(int MC, int KC, int NC)
{
    /// <summary>Sizes tuned on the 2-core AVX-512 machine (1 MiB L2 per core, 48 KiB L1).</summary>
    public static GemmBlockSizes Default { get; } = new(MC: 192, KC: 256, NC: 2048);
}
