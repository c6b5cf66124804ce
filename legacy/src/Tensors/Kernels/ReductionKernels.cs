using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Sums and maxima over spans and over one axis of an (outer, n, inner) view. The summation order
/// depends only on the data's length, never on the number of threads, so results are reproducible.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>Elements per partial sum in <see cref="SumAll"/>.</summary>
    private const int SumBlock = 4096;

    /// <summary>sum x[i] in float: lane-wise vector accumulation, then the lanes in order.</summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float xr = ref MemoryMarshal.GetReference(x);
        float total = 0f;
        if (KernelWidth.Use512 && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16) acc += Vector512.LoadUnsafe(ref xr, (nuint)i);
            total = Vector512.Sum(acc);
        }
        else if (KernelWidth.Use256 && n >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8) acc += Vector256.LoadUnsafe(ref xr, (nuint)i);
            total = Vector256.Sum(acc);
        }
        for (; i < n; i++) total += Unsafe.Add(ref xr, i);
        return total;
    }

    /// <summary>sum x[i] * y[i].</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Dot: span lengths differ ({x.Length} vs {y.Length}).");
        int n = x.Length, i = 0;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        float total = 0f;
        if (KernelWidth.Use512 && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16) acc += Vector512.LoadUnsafe(ref xr, (nuint)i) * Vector512.LoadUnsafe(ref yr, (nuint)i);
            total = Vector512.Sum(acc);
        }
        else if (KernelWidth.Use256 && n >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8) acc += Vector256.LoadUnsafe(ref xr, (nuint)i) * Vector256.LoadUnsafe(ref yr, (nuint)i);
            total = Vector256.Sum(acc);
        }
        for (; i < n; i++) total += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return total;
    }

    /// <summary>max x[i] (NaN if any element is NaN; -infinity for an empty span).</summary>
    public static float Max(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float xr = ref MemoryMarshal.GetReference(x);
        float best = float.NegativeInfinity;
        if (KernelWidth.Use512 && n >= 16)
        {
            Vector512<float> acc = Vector512.Create(float.NegativeInfinity);
            for (; i <= n - 16; i += 16) acc = Vector512.Max(acc, Vector512.LoadUnsafe(ref xr, (nuint)i));
            for (int l = 0; l < 16; l++) best = MathF.Max(best, acc[l]);
        }
        else if (KernelWidth.Use256 && n >= 8)
        {
            Vector256<float> acc = Vector256.Create(float.NegativeInfinity);
            for (; i <= n - 8; i += 8) acc = Vector256.Max(acc, Vector256.LoadUnsafe(ref xr, (nuint)i));
            for (int l = 0; l < 8; l++) best = MathF.Max(best, acc[l]);
        }
        for (; i < n; i++) best = MathF.Max(best, Unsafe.Add(ref xr, i));
        return best;
    }

    /// <summary>Sum of a long span: float blocks of a fixed size, their results added in double (serial).</summary>
    public static float SumBlocked(ReadOnlySpan<float> x)
    {
        if (x.Length <= SumBlock) return Sum(x);
        double total = 0;
        for (int i = 0; i < x.Length; i += SumBlock) total += Sum(x.Slice(i, Math.Min(SumBlock, x.Length - i)));
        return (float)total;
    }

    /// <summary>
    /// Sum of all elements: blocks of a fixed size summed in float vectors, block results added in
    /// double, in block order (reproducible, and accurate for millions of elements).
    /// </summary>
    public static float SumAll(float[] x, int length)
    {
        int blocks = (length + SumBlock - 1) / SumBlock;
        if (blocks <= 1) return Sum(x.AsSpan(0, length));
        double[] partial = ArrayPool<double>.Shared.Rent(blocks);
        try
        {
            var work = new SumBlocksWork(x, length, partial);
            if (length < 4 * UnaryKernels.ParallelChunk) work.Execute(0, blocks);
            else CpuParallel.For(blocks, work, 8);
            double total = 0;
            for (int b = 0; b < blocks; b++) total += partial[b];
            return (float)total;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partial);
        }
    }

    /// <summary>
    /// destination[o, i] = sum_j source[o, j, i] over an (outer, n, inner) view; rows are added in
    /// order j = 0, 1, ... (inner &gt; 1) or summed as one span (inner = 1).
    /// </summary>
    public static void SumAxis(float[] source, float[] destination, int outer, int n, int inner)
    {
        if (outer == 0 || inner == 0) return;
        const int ColumnBlock = 4096;
        int columnBlocks = (inner + ColumnBlock - 1) / ColumnBlock;
        var work = new SumAxisWork(source, destination, n, inner, ColumnBlock, columnBlocks);
        int tasks = outer * columnBlocks;
        long total = (long)outer * n * inner;
        if (total < 2 * UnaryKernels.ParallelChunk) work.Execute(0, tasks);
        else CpuParallel.For(tasks, work, (int)Math.Max(1, UnaryKernels.ParallelChunk / Math.Max(1, total / tasks)));
    }

    /// <summary>
    /// Maximum and its index along the middle axis of an (outer, n, inner) view; the first
    /// occurrence wins ties, and a NaN counts as the maximum (the first NaN), as in PyTorch.
    /// Rows are walked in order j = 0..n-1 and compared lane-wise, so memory is read contiguously.
    /// </summary>
    public static void MaxAxis(ReadOnlySpan<float> source, Span<float> values, Span<int> indices, int outer, int n, int inner)
    {
        if (n == 0) return;
        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<float> block = source.Slice(o * n * inner, n * inner);
            Span<float> best = values.Slice(o * inner, inner);
            Span<int> bestIndex = indices.Slice(o * inner, inner);
            block[..inner].CopyTo(best);
            bestIndex.Clear();
            for (int j = 1; j < n; j++) MaxStep(block.Slice(j * inner, inner), j, best, bestIndex);
        }
    }

    /// <summary>One row of <see cref="MaxAxis"/>: lanes where row[i] beats best[i] take (row[i], j).</summary>
    private static void MaxStep(ReadOnlySpan<float> row, int j, Span<float> best, Span<int> bestIndex)
    {
        int n = row.Length, i = 0;
        ref float rr = ref MemoryMarshal.GetReference(row);
        ref float br = ref MemoryMarshal.GetReference(best);
        ref int ir = ref MemoryMarshal.GetReference(bestIndex);
        if (KernelWidth.Use512)
        {
            Vector512<int> jv = Vector512.Create(j);
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref rr, (nuint)i), b = Vector512.LoadUnsafe(ref br, (nuint)i);
                // v > b, or v is the first NaN (b not NaN yet): Equals(x, x) is false exactly for NaN.
                Vector512<float> take = Vector512.GreaterThan(v, b) | (~Vector512.Equals(v, v) & Vector512.Equals(b, b));
                Vector512.ConditionalSelect(take, v, b).StoreUnsafe(ref br, (nuint)i);
                Vector512.ConditionalSelect(take.AsInt32(), jv, Vector512.LoadUnsafe(ref ir, (nuint)i)).StoreUnsafe(ref ir, (nuint)i);
            }
        }
        else if (KernelWidth.Use256)
        {
            Vector256<int> jv = Vector256.Create(j);
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref rr, (nuint)i), b = Vector256.LoadUnsafe(ref br, (nuint)i);
                Vector256<float> take = Vector256.GreaterThan(v, b) | (~Vector256.Equals(v, v) & Vector256.Equals(b, b));
                Vector256.ConditionalSelect(take, v, b).StoreUnsafe(ref br, (nuint)i);
                Vector256.ConditionalSelect(take.AsInt32(), jv, Vector256.LoadUnsafe(ref ir, (nuint)i)).StoreUnsafe(ref ir, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref rr, i), b = Unsafe.Add(ref br, i);
            if (v > b || (float.IsNaN(v) && !float.IsNaN(b)))
            {
                Unsafe.Add(ref br, i) = v;
                Unsafe.Add(ref ir, i) = j;
            }
        }
    }

    private readonly struct SumBlocksWork(float[] x, int length, double[] partial) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            for (int b = start; b < end; b++)
            {
                int from = b * SumBlock;
                partial[b] = Sum(x.AsSpan(from, Math.Min(SumBlock, length - from)));
            }
        }
    }

    private readonly struct SumAxisWork(float[] source, float[] destination, int n, int inner, int columnBlock, int columnBlocks) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            for (int t = start; t < end; t++)
            {
                int o = t / columnBlocks, c0 = t % columnBlocks * columnBlock;
                int width = Math.Min(columnBlock, inner - c0);
                int baseIndex = o * n * inner + c0;
                if (inner == 1)
                {
                    destination[o] = SumBlocked(source.AsSpan(o * n, n));
                    continue;
                }
                Span<float> dst = destination.AsSpan(o * inner + c0, width);
                if (n == 0)
                {
                    dst.Clear();
                    continue;
                }
                source.AsSpan(baseIndex, width).CopyTo(dst);
                for (int j = 1; j < n; j++) ElementwiseKernels.AddInPlace(dst, source.AsSpan(baseIndex + j * inner, width));
            }
        }
    }
}
