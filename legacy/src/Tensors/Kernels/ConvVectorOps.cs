using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// The three row primitives of the direct (depthwise) convolution and the bias reduction:
/// y += a*x, dot(x, y) and sum(x), each Vector512 -> Vector256 -> scalar.
/// </summary>
/// <remarks>
/// Depthwise rows are short (7 to 56 floats in MobileNet and ResNet stages), so a scalar remainder of
/// up to 15 elements would cost as much as the vector part. With AVX-512 the remainder is one masked
/// load/FMA/store instead: masked-off lanes are neither read nor written (faults are suppressed), so
/// this is safe at the end of an array and adds nothing twice.
/// </remarks>
internal static class ConvVectorOps
{
    /// <summary>Widest vector (in bits) the kernels may use; tests lower it to exercise the narrower paths.</summary>
    internal static int MaxVectorBits { get; set; } = 512;

    private static bool Use512 => MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated;

    private static bool UseMasked => MaxVectorBits >= 512 && Avx512F.IsSupported;

    /// <summary>Lanes [0, count) set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    private static bool Use256 => MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated;

    /// <summary>y[i] += a * x[i] over the length of <paramref name="y"/> (x must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = y.Length;
        if (x.Length < n) ThrowLength(x.Length, n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Use512)
        {
            var va = Vector512.Create(a);
            for (; i <= n - 16; i += 16)
            {
                var r = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i));
                r.StoreUnsafe(ref yr, (nuint)i);
            }
            if (i < n && UseMasked)
            {
                MaskedAxpyTail(va, ref Unsafe.Add(ref xr, i), ref Unsafe.Add(ref yr, i), n - i);
                return;
            }
        }
        else if (Use256)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 8; i += 8)
            {
                var r = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i));
                r.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    /// <summary>Sum of x[i] * y[i] over the length of <paramref name="x"/> (y must be at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length;
        if (y.Length < n) ThrowLength(y.Length, n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        float sum = 0f;
        if (Use512 && (n >= 16 || UseMasked))
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), acc);
            if (i < n && UseMasked)
            {
                acc += MaskedProductTail(ref Unsafe.Add(ref xr, i), ref Unsafe.Add(ref yr, i), n - i);
                i = n;
            }
            sum = Vector512.Sum(acc);
        }
        else if (Use256 && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), acc);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        return sum;
    }

    /// <summary>Sum of the elements, in a fixed order for a given length and vector width.</summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        int i = 0;
        float sum = 0f;
        if (Use512 && n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16) acc += Vector512.LoadUnsafe(ref xr, (nuint)i);
            sum = Vector512.Sum(acc);
        }
        else if (Use256 && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8) acc += Vector256.LoadUnsafe(ref xr, (nuint)i);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref xr, i);
        return sum;
    }

    /// <summary>x[i] += a for every element.</summary>
    public static void AddScalar(Span<float> x, float a)
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Use512)
        {
            var va = Vector512.Create(a);
            for (; i <= n - 16; i += 16) (Vector512.LoadUnsafe(ref xr, (nuint)i) + va).StoreUnsafe(ref xr, (nuint)i);
        }
        else if (Use256)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 8; i += 8) (Vector256.LoadUnsafe(ref xr, (nuint)i) + va).StoreUnsafe(ref xr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref xr, i) += a;
    }

    /// <summary>
    /// destination[i] = source[i * 2] (a stride-2 convolution's row read). Needs source.Length >= 2 *
    /// destination.Length - 1. With AVX-512, 16 outputs are one two-register permute of 32 inputs.
    /// </summary>
    public static void GatherStride2(ReadOnlySpan<float> source, Span<float> destination)
    {
        int n = destination.Length;
        if (n == 0) return;
        if (source.Length < 2 * n - 1) ThrowLength(source.Length, 2 * n - 1);
        ref float sr = ref MemoryMarshal.GetReference(source);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (UseMasked)
        {
            var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            // Each step reads 32 inputs; stop while the last one is still inside the source.
            for (; 2 * i + 32 <= source.Length && i <= n - 16; i += 16)
            {
                var lower = Vector512.LoadUnsafe(ref sr, (nuint)(2 * i));
                var upper = Vector512.LoadUnsafe(ref sr, (nuint)(2 * i + 16));
                Avx512F.PermuteVar16x32x2(lower, evens, upper).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref sr, 2 * i);
    }

    /// <summary>destination[i] = source[i * stride] for any stride (stride 2 takes <see cref="GatherStride2"/>).</summary>
    public static void GatherStrided(ReadOnlySpan<float> source, int stride, Span<float> destination)
    {
        if (stride == 1)
        {
            source[..destination.Length].CopyTo(destination);
            return;
        }
        if (stride == 2)
        {
            GatherStride2(source, destination);
            return;
        }
        int n = destination.Length;
        if (n == 0) return;
        if (source.Length < (n - 1) * stride + 1) ThrowLength(source.Length, (n - 1) * stride + 1);
        ref float sr = ref MemoryMarshal.GetReference(source);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref sr, i * stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void MaskedAxpyTail(Vector512<float> a, ref float x, ref float y, int count)
    {
        var mask = TailMask(count);
        fixed (float* px = &x)
        fixed (float* py = &y)
        {
            var r = Vector512.FusedMultiplyAdd(a, Avx512F.MaskLoad(px, mask, Vector512<float>.Zero), Avx512F.MaskLoad(py, mask, Vector512<float>.Zero));
            Avx512F.MaskStore(py, mask, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> MaskedProductTail(ref float x, ref float y, int count)
    {
        var mask = TailMask(count);
        fixed (float* px = &x)
        fixed (float* py = &y)
            return Avx512F.MaskLoad(px, mask, Vector512<float>.Zero) * Avx512F.MaskLoad(py, mask, Vector512<float>.Zero);
    }

    private static void ThrowLength(int have, int need) =>
        throw new ArgumentException($"Conv row kernel: operand of length {have} is shorter than {need}.");
}
