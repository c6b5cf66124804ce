using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The direct few-output convolution (GSF's gate and fusion convs) against a naive loop reference.</summary>
[TestClass]
public sealed class NarrowOutputConvKernelsTests
{
    private static readonly ConvGeometry[] Cases =
    [
        Geometry(2, 16, 2, 2, (4, 6, 7), (3, 3, 3), (1, 1, 1)),   // GSF gate: P -> 2, groups 2
        Geometry(1, 6, 1, 1, (1, 5, 8), (1, 3, 3), (0, 1, 1)),    // GSF fusion conv 2-D (here 6 -> 1)
        Geometry(3, 12, 4, 1, (2, 5, 5), (1, 5, 3), (0, 2, 0)),   // four outputs, no width padding
        Geometry(2, 9, 3, 3, (3, 4, 4), (2, 3, 3), (1, 0, 2)),    // even depth kernel, asymmetric paddings
        Geometry(1, 5, 1, 1, (1, 1, 1), (1, 1, 1), (0, 0, 0)),    // 1x1 on a single voxel
    ];

    [TestMethod]
    [DataRow(0)] [DataRow(1)] [DataRow(2)] [DataRow(3)] [DataRow(4)]
    public void ForwardAndBackward_MatchNaiveLoops(int index)
    {
        var g = Cases[index];
        Assert.IsTrue(NarrowOutputConvKernels.Applies(g), "the case must take the direct path");
        var random = new Random(index + 1);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        float[] x = Random(g.Batch * g.InChannels * g.InSpatial);
        float[] w = Random(g.OutChannels * g.InPerGroup * g.KernelVolume);
        float[] b = Random(g.OutChannels);
        float[] dy = Random(g.Batch * g.OutChannels * g.OutSpatial);

        var (y, dx, dw) = Naive(g, x, w, b, dy);
        float[] actualY = Enumerable.Repeat(float.NaN, y.Length).ToArray();
        NarrowOutputConvKernels.Forward(g, x, w, b, actualY);
        float[] actualDx = new float[dx.Length], actualDw = new float[dw.Length];
        NarrowOutputConvKernels.Backward(g, x, w, dy, actualDx, actualDw);
        AssertClose(y, actualY, "output");
        AssertClose(dx, actualDx, "grad input");
        AssertClose(dw, actualDw, "grad weight");
    }

    [TestMethod]
    public void Applies_OnlyToStrideOneNarrowLayers()
    {
        Assert.IsFalse(NarrowOutputConvKernels.Applies(Geometry(1, 16, 16, 1, (1, 8, 8), (1, 3, 3), (0, 1, 1))), "wide layers go to GEMM");
        Assert.IsFalse(NarrowOutputConvKernels.Applies(new ConvGeometry(1, 16, 2, 1, (1, 8, 8), (1, 3, 3), (1, 2, 2), (0, 1, 1), (1, 1, 1))), "stride 2 goes to GEMM");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-4f * (1 + Math.Abs(expected[i])), $"{what}[{i}]");
    }

    private static (float[] Y, float[] Dx, float[] Dw) Naive(ConvGeometry g, float[] x, float[] w, float[] b, float[] dy)
    {
        var y = new float[dy.Length];
        var dx = new float[x.Length];
        var dw = new float[w.Length];
        for (int n = 0; n < g.Batch; n++)
        for (int o = 0; o < g.OutChannels; o++)
        for (int od = 0; od < g.OutD; od++)
        for (int oh = 0; oh < g.OutH; oh++)
        for (int ow = 0; ow < g.OutW; ow++)
        {
            int yi = (((n * g.OutChannels + o) * g.OutD + od) * g.OutH + oh) * g.OutW + ow;
            double sum = b[o];
            for (int i = 0; i < g.InPerGroup; i++)
            for (int kt = 0; kt < g.KD; kt++)
            for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                int id = od + kt - g.PD, ih = oh + kh - g.PH, iw = ow + kw - g.PW;
                if (id < 0 || id >= g.InD || ih < 0 || ih >= g.InH || iw < 0 || iw >= g.InW) continue;
                int c = o / g.OutPerGroup * g.InPerGroup + i;
                int xi = (((n * g.InChannels + c) * g.InD + id) * g.InH + ih) * g.InW + iw;
                int wi = (((o * g.InPerGroup + i) * g.KD + kt) * g.KH + kh) * g.KW + kw;
                sum += w[wi] * x[xi];
                dx[xi] += w[wi] * dy[yi];
                dw[wi] += x[xi] * dy[yi];
            }
            y[yi] = (float)sum;
        }
        return (y, dx, dw);
    }

    private static ConvGeometry Geometry(int batch, int cin, int cout, int groups, (int, int, int) input, (int, int, int) kernel, (int, int, int) padding) =>
        new(batch, cin, cout, groups, input, kernel, (1, 1, 1), padding, (1, 1, 1));
}
