using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLVideo.Tensors.Kernels;

// One accumulator variable per register, written out rather than looped, so the JIT keeps the whole
// C tile in registers for the length of the K loop.
/// <summary>AVX-512 micro-kernel: a 12 x 32 tile of C in 24 zmm accumulators (12 broadcasts of A and 2 loads of B per 24 FMAs).</summary>
internal readonly struct GemmKernel512 : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static int MR => 12;
    /// <inheritdoc/>
    public static int NR => 32;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, int ldb, float* c, int ldc, float alpha, float beta)
    {
        var c0_0 = Vector512<float>.Zero; var c0_1 = Vector512<float>.Zero;
        var c1_0 = Vector512<float>.Zero; var c1_1 = Vector512<float>.Zero;
        var c2_0 = Vector512<float>.Zero; var c2_1 = Vector512<float>.Zero;
        var c3_0 = Vector512<float>.Zero; var c3_1 = Vector512<float>.Zero;
        var c4_0 = Vector512<float>.Zero; var c4_1 = Vector512<float>.Zero;
        var c5_0 = Vector512<float>.Zero; var c5_1 = Vector512<float>.Zero;
        var c6_0 = Vector512<float>.Zero; var c6_1 = Vector512<float>.Zero;
        var c7_0 = Vector512<float>.Zero; var c7_1 = Vector512<float>.Zero;
        var c8_0 = Vector512<float>.Zero; var c8_1 = Vector512<float>.Zero;
        var c9_0 = Vector512<float>.Zero; var c9_1 = Vector512<float>.Zero;
        var c10_0 = Vector512<float>.Zero; var c10_1 = Vector512<float>.Zero;
        var c11_0 = Vector512<float>.Zero; var c11_1 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0); c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0); c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0); c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0); c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0); c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0); c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += ldb;
        }
        var va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(c0_0 * va, c + 0 * ldc + 0); Vector512.Store(c0_1 * va, c + 0 * ldc + 16);
            Vector512.Store(c1_0 * va, c + 1 * ldc + 0); Vector512.Store(c1_1 * va, c + 1 * ldc + 16);
            Vector512.Store(c2_0 * va, c + 2 * ldc + 0); Vector512.Store(c2_1 * va, c + 2 * ldc + 16);
            Vector512.Store(c3_0 * va, c + 3 * ldc + 0); Vector512.Store(c3_1 * va, c + 3 * ldc + 16);
            Vector512.Store(c4_0 * va, c + 4 * ldc + 0); Vector512.Store(c4_1 * va, c + 4 * ldc + 16);
            Vector512.Store(c5_0 * va, c + 5 * ldc + 0); Vector512.Store(c5_1 * va, c + 5 * ldc + 16);
            Vector512.Store(c6_0 * va, c + 6 * ldc + 0); Vector512.Store(c6_1 * va, c + 6 * ldc + 16);
            Vector512.Store(c7_0 * va, c + 7 * ldc + 0); Vector512.Store(c7_1 * va, c + 7 * ldc + 16);
            Vector512.Store(c8_0 * va, c + 8 * ldc + 0); Vector512.Store(c8_1 * va, c + 8 * ldc + 16);
            Vector512.Store(c9_0 * va, c + 9 * ldc + 0); Vector512.Store(c9_1 * va, c + 9 * ldc + 16);
            Vector512.Store(c10_0 * va, c + 10 * ldc + 0); Vector512.Store(c10_1 * va, c + 10 * ldc + 16);
            Vector512.Store(c11_0 * va, c + 11 * ldc + 0); Vector512.Store(c11_1 * va, c + 11 * ldc + 16);
        }
        else
        {
            var vb = Vector512.Create(beta);
            Accumulate(c + 0 * ldc + 0, c0_0, va, vb); Accumulate(c + 0 * ldc + 16, c0_1, va, vb);
            Accumulate(c + 1 * ldc + 0, c1_0, va, vb); Accumulate(c + 1 * ldc + 16, c1_1, va, vb);
            Accumulate(c + 2 * ldc + 0, c2_0, va, vb); Accumulate(c + 2 * ldc + 16, c2_1, va, vb);
            Accumulate(c + 3 * ldc + 0, c3_0, va, vb); Accumulate(c + 3 * ldc + 16, c3_1, va, vb);
            Accumulate(c + 4 * ldc + 0, c4_0, va, vb); Accumulate(c + 4 * ldc + 16, c4_1, va, vb);
            Accumulate(c + 5 * ldc + 0, c5_0, va, vb); Accumulate(c + 5 * ldc + 16, c5_1, va, vb);
            Accumulate(c + 6 * ldc + 0, c6_0, va, vb); Accumulate(c + 6 * ldc + 16, c6_1, va, vb);
            Accumulate(c + 7 * ldc + 0, c7_0, va, vb); Accumulate(c + 7 * ldc + 16, c7_1, va, vb);
            Accumulate(c + 8 * ldc + 0, c8_0, va, vb); Accumulate(c + 8 * ldc + 16, c8_1, va, vb);
            Accumulate(c + 9 * ldc + 0, c9_0, va, vb); Accumulate(c + 9 * ldc + 16, c9_1, va, vb);
            Accumulate(c + 10 * ldc + 0, c10_0, va, vb); Accumulate(c + 10 * ldc + 16, c10_1, va, vb);
            Accumulate(c + 11 * ldc + 0, c11_0, va, vb); Accumulate(c + 11 * ldc + 16, c11_1, va, vb);
        }
    }

    /// <summary>c = alpha * acc + beta * c for one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(float* c, Vector512<float> acc, Vector512<float> alpha, Vector512<float> beta) =>
        Vector512.Store(Avx512F.FusedMultiplyAdd(acc, alpha, Vector512.Load(c) * beta), c);
}
