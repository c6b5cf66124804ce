using System.Buffers;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Max, average and adaptive average pooling over (T, H, W) planes (2-D pools run with T = 1), forward and
/// backward. Planes are independent, so the work is split over planes and every result is written by one
/// thread in a fixed order. Max and average pools reduce each output row's window rows column-wise with
/// whole-row vector operations first, then take the short reduction over kW columns per output; adaptive
/// windows sum contiguous runs with the vector sum, and the global average (output 1×1×1, the head of every
/// backbone) is one row reduction per plane.
/// </summary>
internal static class PoolingKernels
{
    /// <summary>Input elements per parallel chunk below which more threads do not pay.</summary>
    private const int ParallelGrain = 1 << 15;

    private static int MinPlanes(int planeSize) => Math.Max(1, ParallelGrain / Math.Max(1, planeSize));

    /// <summary>
    /// Max pooling; padding acts as −∞. <paramref name="argmax"/> receives, per output, the flat index in its input
    /// plane of the first maximum in scan order (t, h, w), as PyTorch (a NaN wins, as there).
    /// </summary>
    public static void MaxForward(float[] x, float[] y, int[] argmax, int planes, PoolGeometry g) =>
        CpuParallel.For(planes, new MaxForwardWork { X = x, Y = y, Argmax = argmax, G = g }, MinPlanes(g.InPlane));

    /// <summary>Routes each output gradient to its argmax (accumulating where windows overlap); <paramref name="dx"/> is overwritten.</summary>
    public static void MaxBackward(float[] dy, int[] argmax, float[] dx, int planes, PoolGeometry g) =>
        CpuParallel.For(planes, new MaxBackwardWork { Dy = dy, Argmax = argmax, Dx = dx, G = g }, MinPlanes(g.InPlane));

    /// <summary>
    /// Average pooling with zero padding. The divisor is the window clipped to the padded input when
    /// <paramref name="countIncludePad"/>, else the window clipped to the input (PyTorch's rule for both).
    /// </summary>
    public static void AvgForward(float[] x, float[] y, int planes, PoolGeometry g, bool countIncludePad) =>
        CpuParallel.For(planes, new AvgWork { Src = x, Dst = y, G = g, CountIncludePad = countIncludePad, Backward = false }, MinPlanes(g.InPlane));

    /// <summary>Spreads each output gradient over its window, divided by the forward divisor; <paramref name="dx"/> is overwritten.</summary>
    public static void AvgBackward(float[] dy, float[] dx, int planes, PoolGeometry g, bool countIncludePad) =>
        CpuParallel.For(planes, new AvgWork { Src = dy, Dst = dx, G = g, CountIncludePad = countIncludePad, Backward = true }, MinPlanes(g.InPlane));

    /// <summary>Adaptive average pooling: output i of a dim averages [floor(i·in/out), ceil((i+1)·in/out)).</summary>
    public static void AdaptiveAvgForward(float[] x, float[] y, int planes, PoolGeometry g) =>
        CpuParallel.For(planes, new AdaptiveWork { Src = x, Dst = y, G = g, Backward = false }, MinPlanes(g.InPlane));

    /// <summary>Backward of <see cref="AdaptiveAvgForward"/>; <paramref name="dx"/> is overwritten.</summary>
    public static void AdaptiveAvgBackward(float[] dy, float[] dx, int planes, PoolGeometry g) =>
        CpuParallel.For(planes, new AdaptiveWork { Src = dy, Dst = dx, G = g, Backward = true }, MinPlanes(g.InPlane));

    /// <summary>Start of adaptive window <paramref name="i"/> (floor(i·in/out)).</summary>
    public static int AdaptiveStart(int i, int input, int output) => (int)((long)i * input / output);

    /// <summary>End (exclusive) of adaptive window <paramref name="i"/> (ceil((i+1)·in/out)).</summary>
    public static int AdaptiveEnd(int i, int input, int output) => (int)(((long)(i + 1) * input + output - 1) / output);

    /// <summary>
    /// Max pooling in two passes per output row (ot, oh): first the maximum of every input column over the
    /// window's (t, h) rows, vectorised across the row; then, per output, the maximum over the window's columns.
    /// That replaces kT·kH·kW scalar compares per output by kT·kH·stride/16 vector steps plus kW compares.
    /// The argmax is PyTorch's: the first maximum in (t, h, w) scan order, i.e. the smallest flat index among
    /// equal values; a NaN always wins (the last NaN in scan order, as PyTorch's <c>val &gt; max || isnan(val)</c>).
    /// </summary>
    private struct MaxForwardWork : IParallelWork
    {
        public float[] X, Y;
        public int[] Argmax;
        public PoolGeometry G;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            float[] colBest = ArrayPool<float>.Shared.Rent(g.InW);
            int[] colIndex = ArrayPool<int>.Shared.Rent(g.InW);
            try
            {
                for (int p = start; p < end; p++)
                {
                    var plane = X.AsSpan(p * g.InPlane, g.InPlane);
                    int o = p * g.OutPlane;
                    for (int ot = 0; ot < g.OutT; ot++)
                    {
                        int t0 = ot * g.Stride.T - g.Padding.T, t1 = Math.Min(t0 + g.Kernel.T, g.InT);
                        t0 = Math.Max(t0, 0);
                        for (int oh = 0; oh < g.OutH; oh++, o += g.OutW)
                        {
                            int h0 = oh * g.Stride.H - g.Padding.H, h1 = Math.Min(h0 + g.Kernel.H, g.InH);
                            h0 = Math.Max(h0, 0);
                            ColumnMax(plane, g, t0, t1, h0, h1, colBest.AsSpan(0, g.InW), colIndex.AsSpan(0, g.InW));
                            RowMax(g, colBest, colIndex, Y.AsSpan(o, g.OutW), Argmax.AsSpan(o, g.OutW));
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(colBest);
                ArrayPool<int>.Shared.Return(colIndex);
            }
        }

        /// <summary>Per column w: the max over rows (t, h) of the window and the flat index of the first (or NaN) winner.</summary>
        private static void ColumnMax(ReadOnlySpan<float> plane, PoolGeometry g, int t0, int t1, int h0, int h1, Span<float> best, Span<int> index)
        {
            int width = g.InW, hw = g.InH * width, first = t0 * hw + h0 * width;
            best.Fill(float.NegativeInfinity);
            for (int w = 0; w < width; w++) index[w] = first + w;
            for (int t = t0; t < t1; t++)
                for (int h = h0; h < h1; h++)
                {
                    int row = t * hw + h * width, w = 0;
                    if (Vector512.IsHardwareAccelerated)
                    {
                        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
                        for (; w <= width - 16; w += 16)
                        {
                            var v = Vector512.Create(plane.Slice(row + w, 16));
                            var b = Vector512.Create(best.Slice(w, 16));
                            // Strictly greater keeps the earlier row on ties; v != v is NaN, which always wins.
                            var take = Vector512.GreaterThan(v, b) | ~Vector512.Equals(v, v);
                            Vector512.ConditionalSelect(take, v, b).CopyTo(best.Slice(w, 16));
                            var i = Vector512.Create(index.Slice(w, 16));
                            Vector512.ConditionalSelect(take.AsInt32(), lanes + Vector512.Create(row + w), i).CopyTo(index.Slice(w, 16));
                        }
                    }
                    else if (Vector256.IsHardwareAccelerated)
                    {
                        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
                        for (; w <= width - 8; w += 8)
                        {
                            var v = Vector256.Create(plane.Slice(row + w, 8));
                            var b = Vector256.Create(best.Slice(w, 8));
                            var take = Vector256.GreaterThan(v, b) | ~Vector256.Equals(v, v);
                            Vector256.ConditionalSelect(take, v, b).CopyTo(best.Slice(w, 8));
                            var i = Vector256.Create(index.Slice(w, 8));
                            Vector256.ConditionalSelect(take.AsInt32(), lanes + Vector256.Create(row + w), i).CopyTo(index.Slice(w, 8));
                        }
                    }
                    for (; w < width; w++)
                    {
                        float v = plane[row + w];
                        if (v > best[w] || float.IsNaN(v))
                        {
                            best[w] = v;
                            index[w] = row + w;
                        }
                    }
                }
        }

        /// <summary>Per output column: the max over the window's columns; ties go to the smallest flat index (first in scan order).</summary>
        private static void RowMax(PoolGeometry g, float[] colBest, int[] colIndex, Span<float> y, Span<int> argmax)
        {
            for (int ow = 0; ow < y.Length; ow++)
            {
                int w0 = ow * g.Stride.W - g.Padding.W, w1 = Math.Min(w0 + g.Kernel.W, g.InW);
                w0 = Math.Max(w0, 0);
                float best = colBest[w0];
                int index = colIndex[w0];
                for (int w = w0 + 1; w < w1; w++)
                {
                    float v = colBest[w];
                    int i = colIndex[w];
                    bool take = float.IsNaN(v)
                        ? !float.IsNaN(best) || i > index
                        : !float.IsNaN(best) && (v > best || (v == best && i < index));
                    if (take)
                    {
                        best = v;
                        index = i;
                    }
                }
                y[ow] = best;
                argmax[ow] = index;
            }
        }
    }

    private struct MaxBackwardWork : IParallelWork
    {
        public float[] Dy, Dx;
        public int[] Argmax;
        public PoolGeometry G;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            for (int p = start; p < end; p++)
            {
                var plane = Dx.AsSpan(p * g.InPlane, g.InPlane);
                plane.Clear();
                int o = p * g.OutPlane;
                for (int i = 0; i < g.OutPlane; i++) plane[Argmax[o + i]] += Dy[o + i];
            }
        }
    }

    /// <summary>
    /// Average pooling, forward or backward, in two passes per output row (ot, oh) like the max pool: the forward
    /// sums every input column over the window's (t, h) rows (vector adds of whole rows), then each output sums
    /// its kW columns; the backward first gathers, per input column, the shares of the outputs whose window covers
    /// it, then adds that row to each of the window's input rows.
    /// </summary>
    private struct AvgWork : IParallelWork
    {
        public float[] Src, Dst;
        public PoolGeometry G;
        public bool CountIncludePad, Backward;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            int hw = g.InH * g.InW;
            float[] columns = ArrayPool<float>.Shared.Rent(g.InW);
            try
            {
                var column = columns.AsSpan(0, g.InW);
                for (int p = start; p < end; p++)
                {
                    int inBase = p * g.InPlane, o = p * g.OutPlane;
                    if (Backward) Dst.AsSpan(inBase, g.InPlane).Clear();
                    for (int ot = 0; ot < g.OutT; ot++)
                    {
                        int t0 = ot * g.Stride.T - g.Padding.T, t1 = Math.Min(t0 + g.Kernel.T, g.InT + g.Padding.T);
                        int padT = t1 - t0;
                        t0 = Math.Max(t0, 0);
                        t1 = Math.Min(t1, g.InT);
                        for (int oh = 0; oh < g.OutH; oh++, o += g.OutW)
                        {
                            int h0 = oh * g.Stride.H - g.Padding.H, h1 = Math.Min(h0 + g.Kernel.H, g.InH + g.Padding.H);
                            int padH = h1 - h0;
                            h0 = Math.Max(h0, 0);
                            h1 = Math.Min(h1, g.InH);
                            column.Clear();
                            if (!Backward)
                            {
                                for (int t = t0; t < t1; t++)
                                    for (int h = h0; h < h1; h++) SpanVectorOps.AddTo(Src.AsSpan(inBase + t * hw + h * g.InW, g.InW), column);
                            }
                            for (int ow = 0; ow < g.OutW; ow++)
                            {
                                int w0 = ow * g.Stride.W - g.Padding.W, w1 = Math.Min(w0 + g.Kernel.W, g.InW + g.Padding.W);
                                int padW = w1 - w0;
                                w0 = Math.Max(w0, 0);
                                w1 = Math.Min(w1, g.InW);
                                int divisor = CountIncludePad ? padT * padH * padW : (t1 - t0) * (h1 - h0) * (w1 - w0);
                                if (Backward)
                                {
                                    float share = Src[o + ow] / divisor;
                                    for (int w = w0; w < w1; w++) column[w] += share;
                                }
                                else
                                {
                                    float sum = 0f;
                                    for (int w = w0; w < w1; w++) sum += column[w];
                                    Dst[o + ow] = sum / divisor;
                                }
                            }
                            if (Backward)
                            {
                                for (int t = t0; t < t1; t++)
                                    for (int h = h0; h < h1; h++) SpanVectorOps.AddTo(column, Dst.AsSpan(inBase + t * hw + h * g.InW, g.InW));
                            }
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(columns);
            }
        }
    }

    private struct AdaptiveWork : IParallelWork
    {
        public float[] Src, Dst;
        public PoolGeometry G;
        public bool Backward;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            if (g.OutPlane == 1)
            {
                // Global average pooling: one contiguous row per plane.
                for (int p = start; p < end; p++)
                {
                    if (Backward) Dst.AsSpan(p * g.InPlane, g.InPlane).Fill(Src[p] / g.InPlane);
                    else Dst[p] = SpanVectorOps.Sum(Src.AsSpan(p * g.InPlane, g.InPlane)) / g.InPlane;
                }
                return;
            }
            int hw = g.InH * g.InW;
            for (int p = start; p < end; p++)
            {
                int inBase = p * g.InPlane, o = p * g.OutPlane;
                if (Backward) Dst.AsSpan(inBase, g.InPlane).Clear();
                for (int ot = 0; ot < g.OutT; ot++)
                {
                    int t0 = AdaptiveStart(ot, g.InT, g.OutT), t1 = AdaptiveEnd(ot, g.InT, g.OutT);
                    for (int oh = 0; oh < g.OutH; oh++)
                    {
                        int h0 = AdaptiveStart(oh, g.InH, g.OutH), h1 = AdaptiveEnd(oh, g.InH, g.OutH);
                        for (int ow = 0; ow < g.OutW; ow++, o++)
                        {
                            int w0 = AdaptiveStart(ow, g.InW, g.OutW), w1 = AdaptiveEnd(ow, g.InW, g.OutW);
                            int count = (t1 - t0) * (h1 - h0) * (w1 - w0);
                            if (Backward)
                            {
                                float share = Src[o] / count;
                                for (int t = t0; t < t1; t++)
                                    for (int h = h0; h < h1; h++)
                                    {
                                        var run = Dst.AsSpan(inBase + t * hw + h * g.InW + w0, w1 - w0);
                                        for (int w = 0; w < run.Length; w++) run[w] += share;
                                    }
                            }
                            else
                            {
                                float sum = 0f;
                                // A window spanning whole rows (e.g. SGS's (T, 1, 1) pooling) is one contiguous run per frame.
                                bool wholeRows = w0 == 0 && w1 == g.InW;
                                for (int t = t0; t < t1; t++)
                                {
                                    if (wholeRows)
                                    {
                                        sum += SpanVectorOps.Sum(Src.AsSpan(inBase + t * hw + h0 * g.InW, (h1 - h0) * g.InW));
                                        continue;
                                    }
                                    for (int h = h0; h < h1; h++)
                                        sum += SpanVectorOps.Sum(Src.AsSpan(inBase + t * hw + h * g.InW + w0, w1 - w0));
                                }
                                Dst[o] = sum / count;
                            }
                        }
                    }
                }
            }
        }
    }
}
