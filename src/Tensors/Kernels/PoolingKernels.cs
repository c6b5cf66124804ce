namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Max, average and adaptive average pooling over (T, H, W) planes (2-D pools run with T = 1), forward and
/// backward. Planes are independent, so the work is split over planes and every result is written by one
/// thread in a fixed order. A window row is a contiguous run of the input, summed with the vector sum; the
/// global average (output 1×1×1, the head of every backbone) is one row reduction per plane.
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

    private struct MaxForwardWork : IParallelWork
    {
        public float[] X, Y;
        public int[] Argmax;
        public PoolGeometry G;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            int hw = g.InH * g.InW;
            for (int p = start; p < end; p++)
            {
                var plane = X.AsSpan(p * g.InPlane, g.InPlane);
                int o = p * g.OutPlane;
                for (int ot = 0; ot < g.OutT; ot++)
                {
                    int t0 = ot * g.Stride.T - g.Padding.T, t1 = Math.Min(t0 + g.Kernel.T, g.InT);
                    t0 = Math.Max(t0, 0);
                    for (int oh = 0; oh < g.OutH; oh++)
                    {
                        int h0 = oh * g.Stride.H - g.Padding.H, h1 = Math.Min(h0 + g.Kernel.H, g.InH);
                        h0 = Math.Max(h0, 0);
                        for (int ow = 0; ow < g.OutW; ow++, o++)
                        {
                            int w0 = ow * g.Stride.W - g.Padding.W, w1 = Math.Min(w0 + g.Kernel.W, g.InW);
                            w0 = Math.Max(w0, 0);
                            float best = float.NegativeInfinity;
                            int bestIndex = t0 * hw + h0 * g.InW + w0;
                            for (int t = t0; t < t1; t++)
                                for (int h = h0; h < h1; h++)
                                {
                                    int row = t * hw + h * g.InW;
                                    for (int w = w0; w < w1; w++)
                                    {
                                        float v = plane[row + w];
                                        // Strictly greater: ties keep the first maximum, as PyTorch.
                                        if (v > best || float.IsNaN(v))
                                        {
                                            best = v;
                                            bestIndex = row + w;
                                        }
                                    }
                                }
                            Y[o] = best;
                            Argmax[o] = bestIndex;
                        }
                    }
                }
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

    private struct AvgWork : IParallelWork
    {
        public float[] Src, Dst;
        public PoolGeometry G;
        public bool CountIncludePad, Backward;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            int hw = g.InH * g.InW;
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
                    for (int oh = 0; oh < g.OutH; oh++)
                    {
                        int h0 = oh * g.Stride.H - g.Padding.H, h1 = Math.Min(h0 + g.Kernel.H, g.InH + g.Padding.H);
                        int padH = h1 - h0;
                        h0 = Math.Max(h0, 0);
                        h1 = Math.Min(h1, g.InH);
                        for (int ow = 0; ow < g.OutW; ow++, o++)
                        {
                            int w0 = ow * g.Stride.W - g.Padding.W, w1 = Math.Min(w0 + g.Kernel.W, g.InW + g.Padding.W);
                            int padW = w1 - w0;
                            w0 = Math.Max(w0, 0);
                            w1 = Math.Min(w1, g.InW);
                            int divisor = CountIncludePad ? padT * padH * padW : (t1 - t0) * (h1 - h0) * (w1 - w0);
                            if (Backward)
                            {
                                float share = Src[o] / divisor;
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
                                for (int t = t0; t < t1; t++)
                                    for (int h = h0; h < h1; h++)
                                        sum += SpanVectorOps.Sum(Src.AsSpan(inBase + t * hw + h * g.InW + w0, w1 - w0));
                                Dst[o] = sum / divisor;
                            }
                        }
                    }
                }
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
