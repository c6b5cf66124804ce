using System.Buffers;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Unpacked path for tiny and thin problems (arguments already validated): one row of C at a time,
    /// as a sum of scaled rows of op(B) when B's rows are contiguous, else as dot products with B's rows.
    /// </summary>
    internal static void SgemmDirect(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }
        float[] scratch = ArrayPool<float>.Shared.Rent(n + k);
        try
        {
            Span<float> acc = scratch.AsSpan(0, n);
            Span<float> column = scratch.AsSpan(n, k);
            int bits = ActiveVectorBits;
            for (int i = 0; i < m; i++)
            {
                if (!transB)
                {
                    // op(B) row p is b[p*ldb ..]: acc = sum_p op(A)[i, p] * op(B)[p, :].
                    acc.Clear();
                    for (int p = 0; p < k; p++)
                    {
                        float av = transA ? a[p * lda + i] : a[i * lda + p];
                        MultiplyAddInPlace(acc, av, b.Slice(p * ldb, n), bits);
                    }
                }
                else
                {
                    // op(B) column j is b[j*ldb ..]: acc[j] = op(A) row i . B row j.
                    ReadOnlySpan<float> row;
                    if (transA)
                    {
                        for (int p = 0; p < k; p++) column[p] = a[p * lda + i];
                        row = column;
                    }
                    else row = a.Slice(i * lda, k);
                    for (int j = 0; j < n; j++) acc[j] = Dot(row, b.Slice(j * ldb, k), bits);
                }
                Span<float> cRow = c.Slice(i * ldc, n);
                if (beta == 0f)
                    for (int j = 0; j < n; j++) cRow[j] = acc[j] * alpha;
                else
                    for (int j = 0; j < n; j++) cRow[j] = MathF.FusedMultiplyAdd(acc[j], alpha, cRow[j] * beta);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>acc[j] += s * x[j].</summary>
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
