using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// The one-input elementwise driver: destination[i] = op(x[i]). The widest vector runs first and the
/// tail is one overlapping vector computed BEFORE the main loop, so the kernel stays correct when
/// destination is x itself (in-place use).
/// </summary>
internal static class UnaryKernels
{
    /// <summary>Elements per parallel chunk: a constant, so the split never depends on the core count.</summary>
    internal const int ParallelChunk = 1 << 15;

    /// <summary>destination[i] = op(x[i]) on one thread.</summary>
    /// <remarks>
    /// Fully optimised on first use: tier-0 code of these vector loops runs ~100x slower (70 ns per element for
    /// tanh), and a model's first predictions or training steps would pay for it until tiering caught up.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> destination) where TOp : struct, IUnaryOperator
    {
        if (x.Length != destination.Length) ThrowLengths(x.Length, destination.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        if (KernelWidth.Use512 && n >= Vector512<float>.Count)
        {
            const int w = 16;
            Vector512<float> last = op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)(n - w)));
            for (int i = 0; i <= n - w; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            last.StoreUnsafe(ref dr, (nuint)(n - w));
            return;
        }
        if (KernelWidth.Use256 && n >= Vector256<float>.Count)
        {
            const int w = 8;
            Vector256<float> last = op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)(n - w)));
            for (int i = 0; i <= n - w; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            last.StoreUnsafe(ref dr, (nuint)(n - w));
            return;
        }
        for (int i = 0; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i));
    }

    /// <summary>destination[i] = op(x[i]) over the first <paramref name="length"/> elements, on all cores when large.</summary>
    public static void ApplyParallel<TOp>(TOp op, float[] x, float[] destination, int length) where TOp : struct, IUnaryOperator
    {
        if (length < 2 * ParallelChunk || CpuParallel.MaxDegree <= 1)
        {
            Apply(op, x.AsSpan(0, length), destination.AsSpan(0, length));
            return;
        }
        int chunks = (length + ParallelChunk - 1) / ParallelChunk;
        CpuParallel.For(chunks, new Work<TOp>(op, x, destination, length));
    }

    /// <summary>destination[i] = x[i]^exponent (MathF.Pow semantics; scalar, used for uncommon exponents).</summary>
    public static void Pow(ReadOnlySpan<float> x, float exponent, Span<float> destination)
    {
        if (x.Length != destination.Length) ThrowLengths(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++) destination[i] = MathF.Pow(x[i], exponent);
    }

    /// <summary>destination[i] = g[i] * exponent * x[i]^(exponent - 1) (PyTorch's pow_backward; 0 for exponent 0).</summary>
    public static void PowBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float exponent, Span<float> destination)
    {
        if (x.Length != destination.Length || g.Length != destination.Length) ThrowLengths(x.Length, destination.Length);
        if (exponent == 0f)
        {
            destination.Clear();
            return;
        }
        for (int i = 0; i < x.Length; i++) destination[i] = g[i] * (exponent * MathF.Pow(x[i], exponent - 1f));
    }

    private readonly struct Work<TOp>(TOp op, float[] x, float[] destination, int length) : IParallelWork where TOp : struct, IUnaryOperator
    {
        public void Execute(int start, int end)
        {
            int from = start * ParallelChunk, to = Math.Min(length, end * ParallelChunk);
            Apply(op, x.AsSpan(from, to - from), destination.AsSpan(from, to - from));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengths(int a, int b) =>
        throw new ArgumentException($"UnaryKernels: span lengths differ ({a} vs {b}).");
}
