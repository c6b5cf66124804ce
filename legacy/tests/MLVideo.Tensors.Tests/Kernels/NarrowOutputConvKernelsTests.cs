using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Functional;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The direct few-output convolution (GSF's gate and fusion convs) against the plain reference convolution.</summary>
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
    public void ForwardAndBackward_MatchReferenceConvolution(int index)
    {
        var g = Cases[index];
        Assert.IsTrue(NarrowOutputConvKernels.Applies(g), "the case must take the direct path");
        var random = new Random(index + 1);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        float[] x = Random(g.Batch * g.InChannels * g.InSpatial);
        float[] w = Random(g.OutChannels * g.InPerGroup * g.KernelVolume);
        float[] b = Random(g.OutChannels);
        float[] dy = Random(g.Batch * g.OutChannels * g.OutSpatial);

        var reference = new ConvReference([g.Batch, g.InChannels, g.InD, g.InH, g.InW], [g.OutChannels, g.InPerGroup, g.KD, g.KH, g.KW],
            (1, 1, 1), (g.PD, g.PH, g.PW), (1, 1, 1), g.Groups);
        double[] y = reference.Forward(x, w, b);
        var (dx, dw, _) = reference.Backward(x, w, dy);
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

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-4 * (1 + Math.Abs(expected[i])), $"{what}[{i}]");
    }

    private static ConvGeometry Geometry(int batch, int cin, int cout, int groups, (int, int, int) input, (int, int, int) kernel, (int, int, int) padding) =>
        new(batch, cin, cout, groups, input, kernel, (1, 1, 1), padding, (1, 1, 1));
}
