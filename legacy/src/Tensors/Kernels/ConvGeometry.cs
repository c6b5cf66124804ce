namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Every size a convolution kernel needs, for 2-D and 3-D alike: a 2-D convolution is the 3-D one
/// with depth 1, kernel depth 1, stride 1, padding 0 and dilation 1, so one set of kernels serves both.
/// </summary>
internal readonly struct ConvGeometry
{
    public ConvGeometry(int batch, int inChannels, int outChannels, int groups,
        (int D, int H, int W) input, (int D, int H, int W) kernel, (int D, int H, int W) stride,
        (int D, int H, int W) padding, (int D, int H, int W) dilation)
    {
        Batch = batch;
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        InD = input.D; InH = input.H; InW = input.W;
        KD = kernel.D; KH = kernel.H; KW = kernel.W;
        SD = stride.D; SH = stride.H; SW = stride.W;
        PD = padding.D; PH = padding.H; PW = padding.W;
        DD = dilation.D; DH = dilation.H; DW = dilation.W;
        OutD = OutputSize(InD, KD, SD, PD, DD);
        OutH = OutputSize(InH, KH, SH, PH, DH);
        OutW = OutputSize(InW, KW, SW, PW, DW);
    }

    public int Batch { get; }
    public int InChannels { get; }
    public int OutChannels { get; }
    public int Groups { get; }
    public int InD { get; }
    public int InH { get; }
    public int InW { get; }
    public int KD { get; }
    public int KH { get; }
    public int KW { get; }
    public int SD { get; }
    public int SH { get; }
    public int SW { get; }
    public int PD { get; }
    public int PH { get; }
    public int PW { get; }
    public int DD { get; }
    public int DH { get; }
    public int DW { get; }
    public int OutD { get; }
    public int OutH { get; }
    public int OutW { get; }

    /// <summary>Elements of one input channel plane (D*H*W).</summary>
    public int InSpatial => InD * InH * InW;

    /// <summary>Elements of one output channel plane.</summary>
    public int OutSpatial => OutD * OutH * OutW;

    /// <summary>Taps of one kernel (kD*kH*kW).</summary>
    public int KernelVolume => KD * KH * KW;

    /// <summary>
    /// Input offsets (before stride) of the tap that column row <paramref name="row"/> holds: the tap is
    /// row % KernelVolume, laid out (kt, kh, kw); an output position o reads input o * stride + offset.
    /// </summary>
    public void TapOffsets(int row, out int offT, out int offH, out int offW)
    {
        int tap = row % KernelVolume;
        int kt = tap / (KH * KW), kh = tap / KW % KH, kw = tap % KW;
        offT = kt * DD - PD;
        offH = kh * DH - PH;
        offW = kw * DW - PW;
    }

    /// <summary>Input channels seen by one group.</summary>
    public int InPerGroup => InChannels / Groups;

    /// <summary>Output channels produced by one group.</summary>
    public int OutPerGroup => OutChannels / Groups;

    /// <summary>Rows of one group's column matrix: (in/groups) * kernel volume, the GEMM's inner dimension.</summary>
    public int ColumnRows => InPerGroup * KernelVolume;

    /// <summary>1x1(x1) kernel, stride 1, no padding: the input plane already is the column matrix.</summary>
    public bool IsPointwise => KD == 1 && KH == 1 && KW == 1 && SD == 1 && SH == 1 && SW == 1 && PD == 0 && PH == 0 && PW == 0;

    /// <summary>One input channel per group (depthwise, possibly with a channel multiplier).</summary>
    public bool IsDepthwise => Groups > 1 && Groups == InChannels;

    /// <summary>Multiply-accumulates of the forward pass: N * Cout * outSpatial * (Cin/groups) * kernel volume.</summary>
    public long Macs => (long)Batch * OutChannels * OutSpatial * InPerGroup * KernelVolume;

    /// <summary>PyTorch's output length: floor((in + 2p - d(k-1) - 1) / s) + 1.</summary>
    public static int OutputSize(int input, int kernel, int stride, int padding, int dilation) =>
        (input + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

    /// <summary>
    /// The outputs o in [lo, hi) (clamped to [0, <paramref name="outLength"/>)) whose input index
    /// <paramref name="offset"/> + o * <paramref name="stride"/> falls inside [0, <paramref name="inLength"/>);
    /// the others read padding.
    /// </summary>
    public static void ValidRange(int offset, int stride, int inLength, int outLength, out int lo, out int hi)
    {
        lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        hi = offset >= inLength ? 0 : (inLength - offset + stride - 1) / stride;
        lo = Math.Min(lo, outLength);
        hi = Math.Clamp(hi, lo, outLength);
    }
}
