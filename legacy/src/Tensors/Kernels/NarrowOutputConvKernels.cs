using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Direct stride-1 convolution for layers with very few output channels per group, such as GSF's gate
/// (Conv3d P -> 2, 3x3x3, groups 2) or its fusion convs (Conv2d 2 -> 1). As GEMM such a layer has one or two
/// rows of output per group, so the im2col matrix (kernel volume times the input, 27x for 3x3x3) costs far
/// more memory traffic than the multiply-adds it feeds. Here the input is zero-padded once and every tap is
/// one long axpy (forward, grad input) or dot product (grad weight) over a "wide" plane: output rows are
/// laid out with the padded row length, so a tap is a constant offset into the padded input and the few
/// extra columns per row are computed and dropped.
/// </summary>
internal static class NarrowOutputConvKernels
{
    /// <summary>Most output channels per group this path takes; wider layers go to the GEMM path.</summary>
    public const int MaxOutputsPerGroup = 4;

    /// <summary>True for stride 1, dilation 1, padding below the kernel size and at most <see cref="MaxOutputsPerGroup"/> outputs per group.</summary>
    public static bool Applies(in ConvGeometry g) =>
        g.OutPerGroup <= MaxOutputsPerGroup && g.InPerGroup > g.OutPerGroup
        && g.SD == 1 && g.SH == 1 && g.SW == 1 && g.DD == 1 && g.DH == 1 && g.DW == 1
        && g.PD < g.KD && g.PH < g.KH && g.PW < g.KW
        && g.OutD > 0 && g.OutH > 0 && g.OutW > 0;

    /// <summary>output (N, Cout, OD, OH, OW) = conv(input, weight) + bias.</summary>
    public static void Forward(in ConvGeometry g, float[] input, float[] weight, float[]? bias, float[] output)
    {
        var padded = PaddedVolume.Create(input, g.Batch, g.InChannels, (g.InD, g.InH, g.InW), (g.PD, g.PH, g.PW), (g.PD, g.PH, g.PW));
        try
        {
            Correlate(padded, g.Groups, g.InPerGroup, g.OutPerGroup, weight, bias, output, (g.OutD, g.OutH, g.OutW), (g.KD, g.KH, g.KW));
        }
        finally
        {
            padded.Release();
        }
    }

    /// <summary>Gradients of the input (written into <paramref name="gradInput"/>) and of the weight (added into <paramref name="gradWeight"/>).</summary>
    public static void Backward(in ConvGeometry g, float[] input, float[] weight, float[] gradOutput, float[]? gradInput, float[]? gradWeight)
    {
        (int D, int H, int W) kernel = (g.KD, g.KH, g.KW), outSize = (g.OutD, g.OutH, g.OutW);
        if (gradInput is not null)
        {
            // Grad input is the correlation of the output gradient, padded by K - 1 - P, with the flipped kernel
            // whose input and output channels are swapped within each group.
            float[] flipped = ArrayPool<float>.Shared.Rent(weight.Length);
            var paddedGrad = PaddedVolume.Create(gradOutput, g.Batch, g.OutChannels, outSize,
                (g.KD - 1 - g.PD, g.KH - 1 - g.PH, g.KW - 1 - g.PW), (g.KD - 1 - g.PD, g.KH - 1 - g.PH, g.KW - 1 - g.PW));
            try
            {
                FlipAndSwap(weight, flipped, g.Groups, g.OutPerGroup, g.InPerGroup, g.KernelVolume);
                Correlate(paddedGrad, g.Groups, g.OutPerGroup, g.InPerGroup, flipped, null, gradInput, (g.InD, g.InH, g.InW), kernel);
            }
            finally
            {
                paddedGrad.Release();
                ArrayPool<float>.Shared.Return(flipped);
            }
        }
        if (gradWeight is not null)
        {
            var padded = PaddedVolume.Create(input, g.Batch, g.InChannels, (g.InD, g.InH, g.InW), (g.PD, g.PH, g.PW), (g.PD, g.PH, g.PW));
            // The output gradient in rows of the padded input's width, zero past each row's valid columns.
            var wideGrad = PaddedVolume.Create(gradOutput, g.Batch, g.OutChannels, outSize, (0, 0, 0), (0, 0, padded.W - g.OutW));
            try
            {
                var work = new WeightGradWork
                {
                    X = padded, DY = wideGrad, Groups = g.Groups, InPerGroup = g.InPerGroup, OutPerGroup = g.OutPerGroup,
                    Kernel = kernel, OutD = g.OutD, OutH = g.OutH, GradWeight = gradWeight,
                };
                CpuParallel.For(g.OutChannels * g.InPerGroup, work);
            }
            finally
            {
                padded.Release();
                wideGrad.Release();
            }
        }
    }

    /// <summary>out[n, o] = bias[o] + sum over the group's channels and taps of w * shifted input (input already padded).</summary>
    private static void Correlate(PaddedVolume x, int groups, int inPerGroup, int outPerGroup, float[] weight, float[]? bias,
        float[] output, (int D, int H, int W) outSize, (int D, int H, int W) kernel)
    {
        var work = new CorrelateWork
        {
            X = x, Groups = groups, InPerGroup = inPerGroup, OutPerGroup = outPerGroup, Weight = weight, Bias = bias,
            Output = output, Out = outSize, Kernel = kernel,
        };
        int items = x.Batch * groups * outPerGroup * outSize.D;
        long perItem = (long)inPerGroup * kernel.D * kernel.H * kernel.W * outSize.H * x.W;
        CpuParallel.For(items, work, (int)Math.Clamp((1L << 16) / Math.Max(1, perItem), 1, Math.Max(1, items)));
    }

    /// <summary>flipped[g, i, o, taps reversed] = weight[g, o, i, taps] (per group: (outs, ins) becomes (ins, outs)).</summary>
    private static void FlipAndSwap(float[] weight, float[] flipped, int groups, int outPerGroup, int inPerGroup, int taps)
    {
        for (int grp = 0; grp < groups; grp++)
            for (int o = 0; o < outPerGroup; o++)
                for (int i = 0; i < inPerGroup; i++)
                {
                    int src = ((grp * outPerGroup + o) * inPerGroup + i) * taps;
                    int dst = ((grp * inPerGroup + i) * outPerGroup + o) * taps;
                    for (int t = 0; t < taps; t++) flipped[dst + t] = weight[src + taps - 1 - t];
                }
    }

    private struct CorrelateWork : IParallelWork
    {
        public PaddedVolume X;
        public int Groups, InPerGroup, OutPerGroup;
        public float[] Weight;
        public float[]? Bias;
        public float[] Output;
        public (int D, int H, int W) Out, Kernel;

        public readonly void Execute(int start, int end)
        {
            var x = X;
            int planeWide = x.H * x.W;                 // one padded depth slice
            int wideLength = (Out.H - 1) * x.W + Out.W; // wide output rows, without the tail of the last one
            int outChannels = Groups * OutPerGroup;
            int taps = Kernel.D * Kernel.H * Kernel.W;
            float[] wide = ArrayPool<float>.Shared.Rent(Out.H * x.W);
            try
            {
                for (int item = start; item < end; item++)
                {
                    int od = item % Out.D;
                    int o = item / Out.D % outChannels;
                    int n = item / Out.D / outChannels;
                    int grp = o / OutPerGroup;
                    var acc = wide.AsSpan(0, wideLength);
                    acc.Clear();
                    for (int i = 0; i < InPerGroup; i++)
                    {
                        int channel = grp * InPerGroup + i;
                        int wBase = (o * InPerGroup + i) * taps;
                        int volume = (n * x.Channels + channel) * x.D * planeWide;
                        for (int kt = 0; kt < Kernel.D; kt++)
                        {
                            int slice = volume + (od + kt) * planeWide;
                            for (int kh = 0; kh < Kernel.H; kh++)
                                for (int kw = 0; kw < Kernel.W; kw++)
                                {
                                    float w = Weight[wBase + (kt * Kernel.H + kh) * Kernel.W + kw];
                                    ConvVectorOps.Axpy(w, x.Data.AsSpan(slice + kh * x.W + kw, wideLength), acc);
                                }
                        }
                    }
                    float b = Bias is null ? 0f : Bias[o];
                    int outBase = ((n * outChannels + o) * Out.D + od) * Out.H * Out.W;
                    for (int oh = 0; oh < Out.H; oh++)
                    {
                        var row = acc.Slice(oh * x.W, Out.W);
                        var dst = Output.AsSpan(outBase + oh * Out.W, Out.W);
                        if (b == 0f) row.CopyTo(dst);
                        else for (int j = 0; j < row.Length; j++) dst[j] = row[j] + b;
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(wide);
            }
        }
    }

    private struct WeightGradWork : IParallelWork
    {
        public PaddedVolume X, DY;
        public int Groups, InPerGroup, OutPerGroup, OutD, OutH;
        public (int D, int H, int W) Kernel;
        public float[] GradWeight;

        public readonly void Execute(int start, int end)
        {
            var x = X;
            int planeWide = x.H * x.W;
            int wideLength = OutH * x.W;   // zero past each row's valid columns, so the extra products add nothing
            int taps = Kernel.D * Kernel.H * Kernel.W;
            for (int item = start; item < end; item++)
            {
                int o = item / InPerGroup, i = item % InPerGroup;
                int channel = o / OutPerGroup * InPerGroup + i;
                int wBase = (o * InPerGroup + i) * taps;
                for (int kt = 0; kt < Kernel.D; kt++)
                    for (int kh = 0; kh < Kernel.H; kh++)
                        for (int kw = 0; kw < Kernel.W; kw++)
                        {
                            float sum = 0f;
                            for (int n = 0; n < x.Batch; n++)
                            {
                                int volume = (n * x.Channels + channel) * x.D * planeWide;
                                int gradVolume = (n * DY.Channels + o) * OutD * wideLength;
                                for (int od = 0; od < OutD; od++)
                                {
                                    int source = volume + (od + kt) * planeWide + kh * x.W + kw;
                                    sum += ConvVectorOps.Dot(DY.Data.AsSpan(gradVolume + od * wideLength, wideLength), x.Data.AsSpan(source, wideLength));
                                }
                            }
                            GradWeight[wBase + (kt * Kernel.H + kh) * Kernel.W + kw] += sum;
                        }
            }
        }
    }
}
