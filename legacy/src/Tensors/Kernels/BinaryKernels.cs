using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Two-input elementwise drivers: same-length, tensor-with-scalar, and NumPy broadcasting. The
/// broadcasting driver coalesces dimensions, then runs each output row through the same-length or
/// scalar path, so row broadcast (bias over the last dimension) and column broadcast (a per-row
/// scale) both end up in vector loops.
/// </summary>
internal static class BinaryKernels
{
    /// <summary>destination[i] = op(x[i], y[i]) on one thread; destination may be x or y itself.</summary>
    public static void Apply<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) where TOp : struct, IBinaryOperator
    {
        if (x.Length != destination.Length || y.Length != destination.Length) ThrowLengths(x.Length, y.Length, destination.Length);
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        if (KernelWidth.Use512 && n >= Vector512<float>.Count)
        {
            const int w = 16;
            Vector512<float> last = op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)(n - w)), Vector512.LoadUnsafe(ref yr, (nuint)(n - w)));
            for (int i = 0; i <= n - w; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            last.StoreUnsafe(ref dr, (nuint)(n - w));
            return;
        }
        if (KernelWidth.Use256 && n >= Vector256<float>.Count)
        {
            const int w = 8;
            Vector256<float> last = op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)(n - w)), Vector256.LoadUnsafe(ref yr, (nuint)(n - w)));
            for (int i = 0; i <= n - w; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            last.StoreUnsafe(ref dr, (nuint)(n - w));
            return;
        }
        for (int i = 0; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    /// <summary>destination[i] = op(x[i], c).</summary>
    public static void ApplyScalarRight<TOp>(TOp op, ReadOnlySpan<float> x, float c, Span<float> destination) where TOp : struct, IBinaryOperator =>
        UnaryKernels.Apply(new BindRight<TOp>(op, c), x, destination);

    /// <summary>destination[i] = op(c, y[i]).</summary>
    public static void ApplyScalarLeft<TOp>(TOp op, float c, ReadOnlySpan<float> y, Span<float> destination) where TOp : struct, IBinaryOperator =>
        UnaryKernels.Apply(new BindLeft<TOp>(op, c), y, destination);

    /// <summary>destination[i] = op(x[i], y[i]) over the first <paramref name="length"/> elements, on all cores when large.</summary>
    public static void ApplyParallel<TOp>(TOp op, float[] x, float[] y, float[] destination, int length) where TOp : struct, IBinaryOperator
    {
        if (length < 2 * UnaryKernels.ParallelChunk || CpuParallel.MaxDegree <= 1)
        {
            Apply(op, x.AsSpan(0, length), y.AsSpan(0, length), destination.AsSpan(0, length));
            return;
        }
        int chunks = (length + UnaryKernels.ParallelChunk - 1) / UnaryKernels.ParallelChunk;
        CpuParallel.For(chunks, new SameShapeWork<TOp>(op, x, y, destination, length));
    }

    /// <summary>
    /// destination = op(x, y) with NumPy broadcasting: <paramref name="outShape"/> must be the
    /// broadcast of the two shapes (the caller checks it, to name its op in the error).
    /// </summary>
    public static void Broadcast<TOp>(TOp op, float[] x, ReadOnlySpan<int> xShape, float[] y, ReadOnlySpan<int> yShape, float[] destination, ReadOnlySpan<int> outShape)
        where TOp : struct, IBinaryOperator
    {
        int total = ShapeHelper.Count(outShape);
        if (total == 0) return;
        var plan = BroadcastPlan.Create(xShape, yShape, outShape);
        int inner = plan.Shape[^1];
        int rows = total / inner;
        var work = new BroadcastWork<TOp>(op, x, y, destination, plan);
        if (total < 2 * UnaryKernels.ParallelChunk || CpuParallel.MaxDegree <= 1) work.Execute(0, rows);
        else CpuParallel.For(rows, work, Math.Max(1, UnaryKernels.ParallelChunk / inner));
    }

    internal readonly struct BindRight<TOp>(TOp op, float c) : IUnaryOperator where TOp : struct, IBinaryOperator
    {
        public float Invoke(float x) => op.Invoke(x, c);
        public Vector256<float> Invoke(Vector256<float> x) => op.Invoke(x, Vector256.Create(c));
        public Vector512<float> Invoke(Vector512<float> x) => op.Invoke(x, Vector512.Create(c));
    }

    internal readonly struct BindLeft<TOp>(TOp op, float c) : IUnaryOperator where TOp : struct, IBinaryOperator
    {
        public float Invoke(float y) => op.Invoke(c, y);
        public Vector256<float> Invoke(Vector256<float> y) => op.Invoke(Vector256.Create(c), y);
        public Vector512<float> Invoke(Vector512<float> y) => op.Invoke(Vector512.Create(c), y);
    }

    private readonly struct SameShapeWork<TOp>(TOp op, float[] x, float[] y, float[] destination, int length) : IParallelWork
        where TOp : struct, IBinaryOperator
    {
        public void Execute(int start, int end)
        {
            int from = start * UnaryKernels.ParallelChunk, to = Math.Min(length, end * UnaryKernels.ParallelChunk);
            Apply(op, x.AsSpan(from, to - from), y.AsSpan(from, to - from), destination.AsSpan(from, to - from));
        }
    }

    private readonly struct BroadcastWork<TOp>(TOp op, float[] x, float[] y, float[] destination, BroadcastPlan plan) : IParallelWork
        where TOp : struct, IBinaryOperator
    {
        public void Execute(int start, int end)
        {
            int[] shape = plan.Shape, xs = plan.XStrides, ys = plan.YStrides;
            int rank = shape.Length, inner = shape[rank - 1];
            int xInner = xs[rank - 1], yInner = ys[rank - 1];
            Span<int> index = stackalloc int[Math.Max(rank - 1, 1)];
            // Multi-index of the first row of this chunk.
            int rest = start;
            for (int d = rank - 2; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            for (int row = start; row < end; row++)
            {
                int xo = 0, yo = 0;
                for (int d = 0; d < rank - 1; d++)
                {
                    xo += index[d] * xs[d];
                    yo += index[d] * ys[d];
                }
                Span<float> dst = destination.AsSpan(row * inner, inner);
                if (xInner == 1 && yInner == 1) Apply(op, x.AsSpan(xo, inner), y.AsSpan(yo, inner), dst);
                else if (xInner == 1) ApplyScalarRight(op, x.AsSpan(xo, inner), y[yo], dst);
                else if (yInner == 1) ApplyScalarLeft(op, x[xo], y.AsSpan(yo, inner), dst);
                else dst.Fill(op.Invoke(x[xo], y[yo]));
                for (int d = rank - 2; d >= 0; d--)
                {
                    if (++index[d] < shape[d]) break;
                    index[d] = 0;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengths(int x, int y, int d) =>
        throw new ArgumentException($"BinaryKernels: span lengths differ (x {x}, y {y}, destination {d}).");
}
