using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLVideo.Tensors.Kernels;

// One accumulator variable per register, written out rather than looped, so the JIT keeps the whole
// C tile in registers for the length of the K loop.
/// <summary>AVX2/FMA micro-kernel: a 6 x 16 tile of C in 12 ymm accumulators (of the 16 registers AVX2 has).</summary>
internal readonly struct GemmKernel256 : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static int MR => 6;
    /// <inheritdoc/>
    public static int NR => 16;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, int ldb, float* c, int ldc, float alpha, float beta)
    {
        var c0_0 = Vector256<float>.Zero; var c0_1 = Vector256<float>.Zero;
        var c1_0 = Vector256<float>.Zero; var c1_1 = Vector256<float>.Zero;
        var c2_0 = Vector256<float>.Zero; var c2_1 = Vector256<float>.Zero;
        var c3_0 = Vector256<float>.Zero; var c3_1 = Vector256<float>.Zero;
        var c4_0 = Vector256<float>.Zero; var c4_1 = Vector256<float>.Zero;
        var c5_0 = Vector256<float>.Zero; var c5_1 = Vector256<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0); c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0); c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0); c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0); c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0); c4_1 = Fma.MultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0); c5_1 = Fma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += ldb;
        }
        var va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Vector256.Store(c0_0 * va, c + 0 * ldc + 0); Vector256.Store(c0_1 * va, c + 0 * ldc + 8);
            Vector256.Store(c1_0 * va, c + 1 * ldc + 0); Vector256.Store(c1_1 * va, c + 1 * ldc + 8);
            Vector256.Store(c2_0 * va, c + 2 * ldc + 0); Vector256.Store(c2_1 * va, c + 2 * ldc + 8);
            Vector256.Store(c3_0 * va, c + 3 * ldc + 0); Vector256.Store(c3_1 * va, c + 3 * ldc + 8);
            Vector256.Store(c4_0 * va, c + 4 * ldc + 0); Vector256.Store(c4_1 * va, c + 4 * ldc + 8);
            Vector256.Store(c5_0 * va, c + 5 * ldc + 0); Vector256.Store(c5_1 * va, c + 5 * ldc + 8);
        }
        else
        {
            var vb = Vector256.Create(beta);
            Accumulate(c + 0 * ldc + 0, c0_0, va, vb); Accumulate(c + 0 * ldc + 8, c0_1, va, vb);
            Accumulate(c + 1 * ldc + 0, c1_0, va, vb); Accumulate(c + 1 * ldc + 8, c1_1, va, vb);
            Accumulate(c + 2 * ldc + 0, c2_0, va, vb); Accumulate(c + 2 * ldc + 8, c2_1, va, vb);
            Accumulate(c + 3 * ldc + 0, c3_0, va, vb); Accumulate(c + 3 * ldc + 8, c3_1, va, vb);
            Accumulate(c + 4 * ldc + 0, c4_0, va, vb); Accumulate(c + 4 * ldc + 8, c4_1, va, vb);
            Accumulate(c + 5 * ldc + 0, c5_0, va, vb); Accumulate(c + 5 * ldc + 8, c5_1, va, vb);
        }
    }

    /// <summary>c = alpha * acc + beta * c for one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(float* c, Vector256<float> acc, Vector256<float> alpha, Vector256<float> beta) =>
        Vector256.Store(Fma.MultiplyAdd(acc, alpha, Vector256.Load(c) * beta), c);
}
