using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Small span primitives shared by the normalisation and pooling kernels: sums, centred dot products and
/// affine maps, each Vector512 → Vector256 → scalar. Reductions accumulate lanes in a fixed order, so a
/// result depends only on the data, never on the thread that computed it. The element-wise (column) forms use
/// fused multiply-adds in the scalar tails too, so an element gets the same bits whether it falls in a vector or
/// in a tail; that keeps column-split kernels independent of where the thread chunks start.
/// </summary>
internal static class SpanVectorOps
{
    /// <summary>Σ x[i].</summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        int i = 0;
        float s = 0f;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= x.Length - 16; i += 16) acc += Vector512.Create(x.Slice(i, 16));
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= x.Length - 8; i += 8) acc += Vector256.Create(x.Slice(i, 8));
            s = Vector256.Sum(acc);
        }
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Σ (x[i] - mean)² (the second pass of a two-pass variance, which avoids the cancellation of E[x²] - E[x]²).</summary>
    public static float SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float s = 0f;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            var acc = Vector512<float>.Zero;
            var m = Vector512.Create(mean);
            for (; i <= x.Length - 16; i += 16)
            {
                var d = Vector512.Create(x.Slice(i, 16)) - m;
                acc = Vector512.FusedMultiplyAdd(d, d, acc);
            }
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var acc = Vector256<float>.Zero;
            var m = Vector256.Create(mean);
            for (; i <= x.Length - 8; i += 8)
            {
                var d = Vector256.Create(x.Slice(i, 8)) - m;
                acc = Vector256.FusedMultiplyAdd(d, d, acc);
            }
            s = Vector256.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            float d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    /// <summary>Returns Σ dy[i] and Σ dy[i] (x[i] - mean), the two sums of a normalisation backward, in one pass.</summary>
    public static (float SumDy, float SumDyCentered) SumAndCenteredDot(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float s = 0f, d = 0f;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            Vector512<float> accS = Vector512<float>.Zero, accD = Vector512<float>.Zero, m = Vector512.Create(mean);
            for (; i <= x.Length - 16; i += 16)
            {
                var g = Vector512.Create(dy.Slice(i, 16));
                accS += g;
                accD = Vector512.FusedMultiplyAdd(g, Vector512.Create(x.Slice(i, 16)) - m, accD);
            }
            s = Vector512.Sum(accS);
            d = Vector512.Sum(accD);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector256<float> accS = Vector256<float>.Zero, accD = Vector256<float>.Zero, m = Vector256.Create(mean);
            for (; i <= x.Length - 8; i += 8)
            {
                var g = Vector256.Create(dy.Slice(i, 8));
                accS += g;
                accD = Vector256.FusedMultiplyAdd(g, Vector256.Create(x.Slice(i, 8)) - m, accD);
            }
            s = Vector256.Sum(accS);
            d = Vector256.Sum(accD);
        }
        for (; i < x.Length; i++)
        {
            s += dy[i];
            d += dy[i] * (x[i] - mean);
        }
        return (s, d);
    }

    /// <summary>y[i] = x[i] * scale + shift (y may alias x).</summary>
    public static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a = Vector512.Create(scale), b = Vector512.Create(shift);
            for (; i <= x.Length - 16; i += 16) Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 16)), a, b).CopyTo(y.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a = Vector256.Create(scale), b = Vector256.Create(shift);
            for (; i <= x.Length - 8; i += 8) Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), a, b).CopyTo(y.Slice(i, 8));
        }
        for (; i < x.Length; i++) y[i] = MathF.FusedMultiplyAdd(x[i], scale, shift);
    }

    /// <summary>dx[i] = alpha * dy[i] + beta * x[i] + gamma: every normalisation input gradient has this form per channel or row.</summary>
    public static void Combine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float alpha, float beta, float gamma, Span<float> dx)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a = Vector512.Create(alpha), b = Vector512.Create(beta), c = Vector512.Create(gamma);
            for (; i <= x.Length - 16; i += 16)
                Vector512.FusedMultiplyAdd(Vector512.Create(dy.Slice(i, 16)), a, Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 16)), b, c)).CopyTo(dx.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a = Vector256.Create(alpha), b = Vector256.Create(beta), c = Vector256.Create(gamma);
            for (; i <= x.Length - 8; i += 8)
                Vector256.FusedMultiplyAdd(Vector256.Create(dy.Slice(i, 8)), a, Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), b, c)).CopyTo(dx.Slice(i, 8));
        }
        for (; i < x.Length; i++) dx[i] = MathF.FusedMultiplyAdd(dy[i], alpha, MathF.FusedMultiplyAdd(x[i], beta, gamma));
    }

    /// <summary>y[i] = x[i] * scale.</summary>
    public static void Scale(ReadOnlySpan<float> x, float scale, Span<float> y) => Affine(x, scale, 0f, y);

    /// <summary>acc[i] += x[i].</summary>
    public static void AddTo(ReadOnlySpan<float> x, Span<float> acc) => ElementwiseKernels.AddInPlace(acc, x);

    /// <summary>acc[i] += (x[i] - mean[i])², a column variance accumulated one row at a time.</summary>
    public static void AddSquaredDeviation(ReadOnlySpan<float> x, ReadOnlySpan<float> mean, Span<float> acc)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var d = Vector512.Create(x.Slice(i, 16)) - Vector512.Create(mean.Slice(i, 16));
                Vector512.FusedMultiplyAdd(d, d, Vector512.Create(acc.Slice(i, 16))).CopyTo(acc.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var d = Vector256.Create(x.Slice(i, 8)) - Vector256.Create(mean.Slice(i, 8));
                Vector256.FusedMultiplyAdd(d, d, Vector256.Create(acc.Slice(i, 8))).CopyTo(acc.Slice(i, 8));
            }
        }
        for (; i < x.Length; i++)
        {
            float d = x[i] - mean[i];
            acc[i] = MathF.FusedMultiplyAdd(d, d, acc[i]);
        }
    }

    /// <summary>sumDy[i] += dy[i]; dot[i] += dy[i] (x[i] - mean[i]): the column form of <see cref="SumAndCenteredDot"/>.</summary>
    public static void AddSumAndCenteredDot(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> mean, Span<float> sumDy, Span<float> dot)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var g = Vector512.Create(dy.Slice(i, 16));
                (Vector512.Create(sumDy.Slice(i, 16)) + g).CopyTo(sumDy.Slice(i, 16));
                var centred = Vector512.Create(x.Slice(i, 16)) - Vector512.Create(mean.Slice(i, 16));
                Vector512.FusedMultiplyAdd(g, centred, Vector512.Create(dot.Slice(i, 16))).CopyTo(dot.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var g = Vector256.Create(dy.Slice(i, 8));
                (Vector256.Create(sumDy.Slice(i, 8)) + g).CopyTo(sumDy.Slice(i, 8));
                var centred = Vector256.Create(x.Slice(i, 8)) - Vector256.Create(mean.Slice(i, 8));
                Vector256.FusedMultiplyAdd(g, centred, Vector256.Create(dot.Slice(i, 8))).CopyTo(dot.Slice(i, 8));
            }
        }
        for (; i < x.Length; i++)
        {
            sumDy[i] += dy[i];
            dot[i] = MathF.FusedMultiplyAdd(dy[i], x[i] - mean[i], dot[i]);
        }
    }

    /// <summary>y[i] = x[i] * scale[i] + shift[i] (column-wise affine of one row).</summary>
    public static void AffineColumns(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
                Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 16)), Vector512.Create(scale.Slice(i, 16)), Vector512.Create(shift.Slice(i, 16))).CopyTo(y.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
                Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), Vector256.Create(scale.Slice(i, 8)), Vector256.Create(shift.Slice(i, 8))).CopyTo(y.Slice(i, 8));
        }
        for (; i < x.Length; i++) y[i] = MathF.FusedMultiplyAdd(x[i], scale[i], shift[i]);
    }

    /// <summary>dx[i] = alpha[i] dy[i] + beta[i] x[i] + gamma[i] (column form of <see cref="Combine"/>).</summary>
    public static void CombineColumns(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> alpha, ReadOnlySpan<float> beta, ReadOnlySpan<float> gamma, Span<float> dx)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var v = Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 16)), Vector512.Create(beta.Slice(i, 16)), Vector512.Create(gamma.Slice(i, 16)));
                Vector512.FusedMultiplyAdd(Vector512.Create(dy.Slice(i, 16)), Vector512.Create(alpha.Slice(i, 16)), v).CopyTo(dx.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), Vector256.Create(beta.Slice(i, 8)), Vector256.Create(gamma.Slice(i, 8)));
                Vector256.FusedMultiplyAdd(Vector256.Create(dy.Slice(i, 8)), Vector256.Create(alpha.Slice(i, 8)), v).CopyTo(dx.Slice(i, 8));
            }
        }
        for (; i < x.Length; i++) dx[i] = MathF.FusedMultiplyAdd(dy[i], alpha[i], MathF.FusedMultiplyAdd(x[i], beta[i], gamma[i]));
    }

    /// <summary>acc[i] += a[i] * b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddProduct(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> acc)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= a.Length - 16; i += 16)
                Vector512.FusedMultiplyAdd(Vector512.Create(a.Slice(i, 16)), Vector512.Create(b.Slice(i, 16)), Vector512.Create(acc.Slice(i, 16))).CopyTo(acc.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= a.Length - 8; i += 8)
                Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(i, 8)), Vector256.Create(b.Slice(i, 8)), Vector256.Create(acc.Slice(i, 8))).CopyTo(acc.Slice(i, 8));
        }
        for (; i < a.Length; i++) acc[i] = MathF.FusedMultiplyAdd(a[i], b[i], acc[i]);
    }

    /// <summary>y[i] = x[i] * m[i].</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> m, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16) (Vector512.Create(x.Slice(i, 16)) * Vector512.Create(m.Slice(i, 16))).CopyTo(y.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8) (Vector256.Create(x.Slice(i, 8)) * Vector256.Create(m.Slice(i, 8))).CopyTo(y.Slice(i, 8));
        }
        for (; i < x.Length; i++) y[i] = x[i] * m[i];
    }
}
