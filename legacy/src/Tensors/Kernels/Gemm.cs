using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans: packed, cache-blocked, with a
/// register-blocked FMA micro-kernel (Vector512, else Vector256, else scalar) and both cores.
/// </summary>
/// <remarks>
/// Layout of the work (the classic Goto/BLIS loop nest), per thread:
/// <code>
/// for jc over N by NC            B panel  (KC x NC, packed in NR-wide strips)  -> L3
///   for pc over K by KC          pack B
///     for ic over M by MC        A block  (MC x KC, packed in MR-high strips)  -> L2
///       for jr over NC by NR     B strip  (KC x NR)                            -> L1
///         for ir over MC by MR   micro-kernel: MR x NR accumulators in registers
/// </code>
/// Threads split C into disjoint column (or row) ranges, so every element of C is summed in the same
/// order (K blocks in order, p in order within a block) whatever the thread count: results are
/// bit-identical with 1 or 2 threads.
/// <para>
/// The loop nest, packing and micro-kernels are marked AggressiveOptimization: a GEMM is a handful of
/// long calls, so tiered compilation would otherwise run the first ones (often a whole small model's
/// forward) through unoptimised tier-0 packing loops.
/// </para>
/// </remarks>
internal static partial class Gemm
{
    /// <summary>
    /// Widest vector path the kernel may use: 512, 256 or 0 (scalar). Lowered by tests to exercise each
    /// path in-process; never raised above what the hardware supports.
    /// </summary>
    internal static int MaxVectorBits { get; set; } = 512;

    /// <summary>Problems with at most this many multiply-accumulates take the unpacked path.</summary>
    internal const long SmallProblemMacs = 16 * 16 * 16;

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C, row-major, where op(A) is m x k (A stored k x m with leading
    /// dimension lda if <paramref name="transA"/>), op(B) is k x n, C is m x n with leading dimension ldc.
    /// beta = 0 overwrites C (NaNs in C ignored), beta = 1 accumulates.
    /// </summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }
        // Thin shapes (a vector on either side) would waste most of a padded MR x NR tile, and tiny
        // problems cost less than packing them; both go through the direct loops.
        if (m < 4 || n < 4 || (long)m * n * k <= SmallProblemMacs)
            SgemmDirect(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            SgemmPacked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, GemmBlockSizes.Default);
    }

    /// <summary>The vector path in use: the widest one both the hardware and <see cref="MaxVectorBits"/> allow.</summary>
    internal static int ActiveVectorBits =>
        MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512
        : MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated && Fma.IsSupported ? 256
        : 0;

    /// <summary>C = beta * C over the m x n window (beta = 0 clears, so NaNs do not survive).</summary>
    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else for (int j = 0; j < row.Length; j++) row[j] *= beta;
        }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) ThrowArgument($"Sgemm: negative size (m {m}, n {n}, k {k}).");
        // Stored shapes: A is (transA ? k x m : m x k), B is (transB ? n x k : k x n), C is m x n.
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        CheckOperand("A", aRows, aCols, aLength, lda);
        CheckOperand("B", bRows, bCols, bLength, ldb);
        CheckOperand("C", m, n, cLength, ldc);
    }

    private static void CheckOperand(string name, int rows, int cols, int length, int ld)
    {
        if (ld < cols || ld < 0)
            ThrowArgument($"Sgemm: leading dimension of {name} ({ld}) is smaller than its {cols} columns.");
        if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
            ThrowArgument($"Sgemm: {name} ({rows} x {cols}, leading dimension {ld}) needs {(long)(rows - 1) * ld + cols} elements but the span has {length}.");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowArgument(string message) => throw new ArgumentException(message);
}
