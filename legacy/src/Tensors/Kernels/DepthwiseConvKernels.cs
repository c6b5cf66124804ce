namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Direct depthwise convolution (groups == in channels; out channel oc reads input channel
/// oc / multiplier), 2-D and 3-D. A GEMM would have one input channel per group and gain nothing from
/// im2col, so each output row is built as a sum of shifted input rows scaled by one weight each
/// (vectorised along the width; a strided row is first gathered into a contiguous one).
/// </summary>
internal static class DepthwiseConvKernels
{
    /// <summary>output (N, Cout, S) = depthwise conv(input, weight) + bias; every element is written.</summary>
    public static void Forward(in ConvGeometry g, float[] input, float[] weight, float[]? bias, float[] output)
    {
        var work = new ForwardWork { G = g, Input = input, Weight = weight, Bias = bias, Output = output };
        CpuParallel.For(g.Batch * g.OutChannels, work, MinPlanes(g));
    }

    /// <summary>gradInput (N, Cin, inSpatial) = the transposed convolution of gradOutput; every element is written.</summary>
    public static void BackwardInput(in ConvGeometry g, float[] weight, float[] gradOutput, float[] gradInput)
    {
        var work = new BackwardInputWork { G = g, Weight = weight, GradOutput = gradOutput, GradInput = gradInput };
        CpuParallel.For(g.Batch * g.InChannels, work, MinPlanes(g));
    }

    /// <summary>gradWeight[oc, tap] = sum over images and positions of gradOutput * the input the tap met; every element is written.</summary>
    public static void BackwardWeight(in ConvGeometry g, float[] input, float[] gradOutput, float[] gradWeight)
    {
        var work = new BackwardWeightWork { G = g, Input = input, GradOutput = gradOutput, GradWeight = gradWeight };
        // One output channel per index, images summed inside in order: deterministic for any thread count.
        CpuParallel.For(g.OutChannels, work, Math.Max(1, MinPlanes(g) / Math.Max(1, g.Batch)));
    }

    private static int MinPlanes(in ConvGeometry g) =>
        Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, g.OutSpatial * g.KernelVolume));

    /// <summary>
    /// Calls <paramref name="visitor"/> for every (output row, input row, kw) triple of one output plane
    /// that touches real input, with the valid output-width range: the loop nest shared by the three passes.
    /// </summary>
    private static void ForEachRowTap<TVisitor>(in ConvGeometry g, ref TVisitor visitor) where TVisitor : struct, IRowTapVisitor
    {
        for (int od = 0; od < g.OutD; od++)
        {
            for (int oh = 0; oh < g.OutH; oh++)
            {
                int outRow = (od * g.OutH + oh) * g.OutW;
                visitor.BeginRow(outRow);
                for (int kt = 0; kt < g.KD; kt++)
                {
                    int id = od * g.SD - g.PD + kt * g.DD;
                    if ((uint)id >= (uint)g.InD) continue;
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.SH - g.PH + kh * g.DH;
                        if ((uint)ih >= (uint)g.InH) continue;
                        int inRow = (id * g.InH + ih) * g.InW;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw0 = kw * g.DW - g.PW;
                            ConvGeometry.ValidRange(iw0, g.SW, g.InW, g.OutW, out int lo, out int hi);
                            if (hi > lo) visitor.Tap((kt * g.KH + kh) * g.KW + kw, outRow, inRow + iw0, lo, hi, g.SW);
                        }
                    }
                }
            }
        }
    }

    private interface IRowTapVisitor
    {
        void BeginRow(int outRow);

        /// <summary>Output positions outRow + [lo, hi) meet input positions inStart + ow * stride.</summary>
        void Tap(int tap, int outRow, int inStart, int lo, int hi, int stride);
    }

    private struct ForwardRows : IRowTapVisitor
    {
        public float[] Input;
        public int InPlane;
        public float[] Output;
        public int OutPlane;
        public float[] Weight;
        public int WeightOffset;
        public float BiasValue;
        public int Width;
        /// <summary>One output row of scratch for strided reads (allocated once per parallel chunk).</summary>
        public float[] Gathered;

        public readonly void BeginRow(int outRow) => Output.AsSpan(OutPlane + outRow, Width).Fill(BiasValue);

        public readonly void Tap(int tap, int outRow, int inStart, int lo, int hi, int stride)
        {
            float w = Weight[WeightOffset + tap];
            var y = Output.AsSpan(OutPlane + outRow + lo, hi - lo);
            int x0 = InPlane + inStart + lo * stride;
            if (stride == 1) ConvVectorOps.Axpy(w, Input.AsSpan(x0, hi - lo), y);
            else
            {
                // Gather the strided inputs once into a contiguous row, then one vector FMA pass.
                var gathered = Gathered.AsSpan(0, y.Length);
                ConvVectorOps.GatherStrided(Input.AsSpan(x0), stride, gathered);
                ConvVectorOps.Axpy(w, gathered, y);
            }
        }
    }

    private struct BackwardInputRows : IRowTapVisitor
    {
        public float[] GradOutput;
        public int OutPlane;
        public float[] GradInput;
        public int InPlane;
        public float[] Weight;
        public int WeightOffset;

        public readonly void BeginRow(int outRow)
        {
        }

        public readonly void Tap(int tap, int outRow, int inStart, int lo, int hi, int stride)
        {
            float w = Weight[WeightOffset + tap];
            var dy = GradOutput.AsSpan(OutPlane + outRow + lo, hi - lo);
            int x0 = InPlane + inStart + lo * stride;
            if (stride == 1) ConvVectorOps.Axpy(w, dy, GradInput.AsSpan(x0, hi - lo));
            else for (int i = 0; i < dy.Length; i++) GradInput[x0 + i * stride] += w * dy[i];
        }
    }

    private struct BackwardWeightRows : IRowTapVisitor
    {
        public float[] GradOutput;
        public int OutPlane;
        public float[] Input;
        public int InPlane;
        public double[] Sums;
        /// <summary>One output row of scratch for strided reads (allocated once per parallel chunk).</summary>
        public float[] Gathered;

        public readonly void BeginRow(int outRow)
        {
        }

        public readonly void Tap(int tap, int outRow, int inStart, int lo, int hi, int stride)
        {
            var dy = GradOutput.AsSpan(OutPlane + outRow + lo, hi - lo);
            int x0 = InPlane + inStart + lo * stride;
            if (stride == 1) Sums[tap] += ConvVectorOps.Dot(dy, Input.AsSpan(x0, hi - lo));
            else
            {
                var gathered = Gathered.AsSpan(0, dy.Length);
                ConvVectorOps.GatherStrided(Input.AsSpan(x0), stride, gathered);
                Sums[tap] += ConvVectorOps.Dot(dy, gathered);
            }
        }
    }

    private struct ForwardWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Input;
        public float[] Weight;
        public float[]? Bias;
        public float[] Output;

        public readonly void Execute(int start, int end)
        {
            int multiplier = G.OutPerGroup;
            var rows = new ForwardRows { Input = Input, Output = Output, Weight = Weight, Width = G.OutW, Gathered = new float[G.OutW] };
            for (int p = start; p < end; p++)
            {
                int n = p / G.OutChannels, oc = p % G.OutChannels;
                rows.InPlane = (n * G.InChannels + oc / multiplier) * G.InSpatial;
                rows.OutPlane = p * G.OutSpatial;
                rows.WeightOffset = oc * G.KernelVolume;
                rows.BiasValue = Bias is null ? 0f : Bias[oc];
                ForEachRowTap(G, ref rows);
            }
        }
    }

    private struct BackwardInputWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Weight;
        public float[] GradOutput;
        public float[] GradInput;

        public readonly void Execute(int start, int end)
        {
            int multiplier = G.OutPerGroup;
            var rows = new BackwardInputRows { GradOutput = GradOutput, GradInput = GradInput, Weight = Weight };
            for (int q = start; q < end; q++)
            {
                int n = q / G.InChannels, ic = q % G.InChannels;
                rows.InPlane = q * G.InSpatial;
                GradInput.AsSpan(rows.InPlane, G.InSpatial).Clear();
                for (int m = 0; m < multiplier; m++)
                {
                    int oc = ic * multiplier + m;
                    rows.OutPlane = (n * G.OutChannels + oc) * G.OutSpatial;
                    rows.WeightOffset = oc * G.KernelVolume;
                    ForEachRowTap(G, ref rows);
                }
            }
        }
    }

    private struct BackwardWeightWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Input;
        public float[] GradOutput;
        public float[] GradWeight;

        public readonly void Execute(int start, int end)
        {
            int multiplier = G.OutPerGroup, kvol = G.KernelVolume;
            // One small per-chunk buffer (not per element): tap sums in double so long image sums stay exact enough.
            var rows = new BackwardWeightRows { GradOutput = GradOutput, Input = Input, Sums = new double[kvol], Gathered = new float[G.OutW] };
            for (int oc = start; oc < end; oc++)
            {
                Array.Clear(rows.Sums);
                for (int n = 0; n < G.Batch; n++)
                {
                    rows.OutPlane = (n * G.OutChannels + oc) * G.OutSpatial;
                    rows.InPlane = (n * G.InChannels + oc / multiplier) * G.InSpatial;
                    ForEachRowTap(G, ref rows);
                }
                for (int tap = 0; tap < kvol; tap++) GradWeight[oc * kvol + tap] = (float)rows.Sums[tap];
            }
        }
    }
}
