using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

internal static partial class Gemm
{
    /// <summary>Column block of the direct path when a single row of C is split across threads.</summary>
    private const int DirectColumnBlock = 256;

    /// <summary>
    /// Unpacked path for tiny and thin problems (arguments already validated): one row of C at a time,
    /// as a sum of scaled rows of op(B) when B's rows are contiguous, else as dot products with B's rows.
    /// Large thin problems (a few rows times a big matrix) split rows, or for one row column blocks,
    /// across threads; each element is computed the same way whichever thread takes it.
    /// </summary>
    internal static unsafe void SgemmDirect(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }
        bool splitColumns = m == 1;
        int units = splitColumns ? (n + DirectColumnBlock - 1) / DirectColumnBlock : m;
        long macsPerUnit = splitColumns ? (long)DirectColumnBlock * k : (long)n * k;
        int minUnitsPerChunk = (int)Math.Clamp(MinMacsPerChunk / Math.Max(1, macsPerUnit), 1, units);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var work = new DirectWork(new PackedProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, default),
                a.Length, b.Length, c.Length, splitColumns, ActiveVectorBits);
            CpuParallel.For(units, work, minUnitsPerChunk);
        }
    }

    /// <summary>Rows [start, end) of C, or for a single row, column blocks [start, end).</summary>
    private readonly unsafe struct DirectWork(PackedProblem p, int aLength, int bLength, int cLength, bool splitColumns, int bits) : IParallelWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int start, int end)
        {
            var a = new ReadOnlySpan<float>(p.A, aLength);
            var b = new ReadOnlySpan<float>(p.B, bLength);
            var c = new Span<float>(p.C, cLength);
            int i0 = splitColumns ? 0 : start, i1 = splitColumns ? 1 : end;
            int j0 = splitColumns ? start * DirectColumnBlock : 0;
            int j1 = splitColumns ? Math.Min(p.N, end * DirectColumnBlock) : p.N;
            int width = j1 - j0, k = p.K;
            float[] scratch = ArrayPool<float>.Shared.Rent(width + k);
            try
            {
                Span<float> acc = scratch.AsSpan(0, width);
                Span<float> column = scratch.AsSpan(width, k);
                for (int i = i0; i < i1; i++)
                {
                    if (!p.TransB)
                    {
                        // op(B) row p is b[p*ldb ..]: acc = sum_p op(A)[i, p] * op(B)[p, j0..j1].
                        acc.Clear();
                        for (int q = 0; q < k; q++)
                        {
                            float av = p.TransA ? a[q * p.Lda + i] : a[i * p.Lda + q];
                            MultiplyAddInPlace(acc, av, b.Slice(q * p.Ldb + j0, width), bits);
                        }
                    }
                    else
                    {
                        // op(B) column j is b[j*ldb ..]: acc[j] = op(A) row i . B row j.
                        ReadOnlySpan<float> row;
                        if (p.TransA)
                        {
                            for (int q = 0; q < k; q++) column[q] = a[q * p.Lda + i];
                            row = column;
                        }
                        else row = a.Slice(i * p.Lda, k);
                        for (int j = 0; j < width; j++) acc[j] = Dot(row, b.Slice((j0 + j) * p.Ldb, k), bits);
                    }
                    Span<float> cRow = c.Slice(i * p.Ldc + j0, width);
                    if (p.Beta == 0f)
                        for (int j = 0; j < width; j++) cRow[j] = acc[j] * p.Alpha;
                    else
                        for (int j = 0; j < width; j++) cRow[j] = MathF.FusedMultiplyAdd(acc[j], p.Alpha, cRow[j] * p.Beta);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>acc[j] += s * x[j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyAddInPlace(Span<float> acc, float s, ReadOnlySpan<float> x, int bits)
    {
        int j = 0;
        if (bits >= 512)
        {
            var vs = Vector512.Create(s);
            for (; j <= acc.Length - 16; j += 16)
                Vector512.FusedMultiplyAdd(vs, Vector512.Create(x.Slice(j, 16)), Vector512.Create(acc.Slice(j, 16))).CopyTo(acc.Slice(j, 16));
        }
        else if (bits >= 256)
        {
            var vs = Vector256.Create(s);
            for (; j <= acc.Length - 8; j += 8)
                Vector256.FusedMultiplyAdd(vs, Vector256.Create(x.Slice(j, 8)), Vector256.Create(acc.Slice(j, 8))).CopyTo(acc.Slice(j, 8));
        }
        for (; j < acc.Length; j++) acc[j] = MathF.FusedMultiplyAdd(s, x[j], acc[j]);
    }

    /// <summary>x . y with vector partial sums (fixed order for a given vector width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int bits)
    {
        int p = 0;
        float s = 0f;
        if (bits >= 512 && x.Length >= 16)
        {
            var v = Vector512<float>.Zero;
            for (; p <= x.Length - 16; p += 16)
                v = Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(p, 16)), Vector512.Create(y.Slice(p, 16)), v);
            s = Vector512.Sum(v);
        }
        else if (bits >= 256 && x.Length >= 8)
        {
            var v = Vector256<float>.Zero;
            for (; p <= x.Length - 8; p += 8)
                v = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(p, 8)), Vector256.Create(y.Slice(p, 8)), v);
            s = Vector256.Sum(v);
        }
        for (; p < x.Length; p++) s = MathF.FusedMultiplyAdd(x[p], y[p], s);
        return s;
    }
}
