namespace MLVideo.Tensors.Tests.Functional;

/// <summary>
/// Deliberately plain convolution in double, straight from the definition
/// y[n, o, p] = b[o] + sum over c in o's group, taps t of w[o, c, t] * x[n, g*Cg + c, p*s - pad + t*d],
/// for 3-D shapes (a 2-D case is depth 1). The kernels under test are compared with it.
/// </summary>
internal sealed class ConvReference
{
    public ConvReference(int[] inputShape, int[] weightShape, (int D, int H, int W) stride, (int D, int H, int W) padding, (int D, int H, int W) dilation, int groups)
    {
        bool is2d = inputShape.Length == 4;
        N = inputShape[0];
        Cin = inputShape[1];
        (InD, InH, InW) = is2d ? (1, inputShape[2], inputShape[3]) : (inputShape[2], inputShape[3], inputShape[4]);
        Cout = weightShape[0];
        (KD, KH, KW) = is2d ? (1, weightShape[2], weightShape[3]) : (weightShape[2], weightShape[3], weightShape[4]);
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        OutD = (InD + 2 * padding.D - dilation.D * (KD - 1) - 1) / stride.D + 1;
        OutH = (InH + 2 * padding.H - dilation.H * (KH - 1) - 1) / stride.H + 1;
        OutW = (InW + 2 * padding.W - dilation.W * (KW - 1) - 1) / stride.W + 1;
        OutputShape = is2d ? [N, Cout, OutH, OutW] : [N, Cout, OutD, OutH, OutW];
    }

    public int N { get; }
    public int Cin { get; }
    public int Cout { get; }
    public int InD { get; }
    public int InH { get; }
    public int InW { get; }
    public int KD { get; }
    public int KH { get; }
    public int KW { get; }
    public int OutD { get; }
    public int OutH { get; }
    public int OutW { get; }
    public (int D, int H, int W) Stride { get; }
    public (int D, int H, int W) Padding { get; }
    public (int D, int H, int W) Dilation { get; }
    public int Groups { get; }
    public int[] OutputShape { get; }

    /// <summary>Calls <paramref name="visit"/>(outIndex, inIndex, weightIndex) for every multiply-add of the convolution.</summary>
    private void ForEachTerm(Action<int, int, int> visit)
    {
        int cg = Cin / Groups, og = Cout / Groups;
        for (int n = 0; n < N; n++)
        for (int o = 0; o < Cout; o++)
        for (int od = 0; od < OutD; od++)
        for (int oh = 0; oh < OutH; oh++)
        for (int ow = 0; ow < OutW; ow++)
        {
            int outIndex = (((n * Cout + o) * OutD + od) * OutH + oh) * OutW + ow;
            int grp = o / og;
            for (int c = 0; c < cg; c++)
            for (int kt = 0; kt < KD; kt++)
            for (int kh = 0; kh < KH; kh++)
            for (int kw = 0; kw < KW; kw++)
            {
                int id = od * Stride.D - Padding.D + kt * Dilation.D;
                int ih = oh * Stride.H - Padding.H + kh * Dilation.H;
                int iw = ow * Stride.W - Padding.W + kw * Dilation.W;
                if (id < 0 || id >= InD || ih < 0 || ih >= InH || iw < 0 || iw >= InW) continue;
                int inIndex = (((n * Cin + grp * cg + c) * InD + id) * InH + ih) * InW + iw;
                int weightIndex = (((o * cg + c) * KD + kt) * KH + kh) * KW + kw;
                visit(outIndex, inIndex, weightIndex);
            }
        }
    }

    public double[] Forward(float[] x, float[] w, float[]? bias)
    {
        var y = new double[N * Cout * OutD * OutH * OutW];
        int plane = OutD * OutH * OutW;
        if (bias is not null) for (int i = 0; i < y.Length; i++) y[i] = bias[i / plane % Cout];
        ForEachTerm((o, i, k) => y[o] += (double)w[k] * x[i]);
        return y;
    }

    public (double[] GradInput, double[] GradWeight, double[] GradBias) Backward(float[] x, float[] w, float[] gradOutput)
    {
        var gx = new double[x.Length];
        var gw = new double[w.Length];
        var gb = new double[Cout];
        int plane = OutD * OutH * OutW;
        for (int i = 0; i < gradOutput.Length; i++) gb[i / plane % Cout] += gradOutput[i];
        ForEachTerm((o, i, k) =>
        {
            gx[i] += (double)w[k] * gradOutput[o];
            gw[k] += (double)x[i] * gradOutput[o];
        });
        return (gx, gw, gb);
    }
}
