using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The whole-image im2col/col2im must equal the per-image reference walk of <see cref="Im2Col"/> exactly.</summary>
[TestClass]
public sealed class Im2ColImagesTests
{
    private static readonly (ConvGeometry G, int N0, int Images)[] Cases =
    [
        (Geometry(3, 4, 8, 1, (1, 9, 11), (1, 3, 3), (1, 1, 1), (0, 1, 1), (1, 1, 1)), 1, 2),   // 3x3 same padding
        (Geometry(2, 3, 6, 1, (1, 13, 12), (1, 7, 7), (1, 2, 2), (0, 3, 3), (1, 1, 1)), 0, 2),  // stem-like 7x7 s2
        (Geometry(4, 4, 4, 2, (1, 7, 7), (1, 3, 3), (1, 2, 2), (0, 1, 1), (1, 1, 1)), 1, 3),    // grouped, stride 2
        (Geometry(2, 2, 2, 1, (1, 8, 9), (1, 3, 3), (1, 1, 1), (0, 2, 2), (1, 2, 2)), 0, 2),    // dilation 2
        (Geometry(2, 2, 4, 1, (5, 6, 6), (3, 3, 3), (1, 2, 1), (1, 1, 1), (1, 1, 1)), 0, 2),    // 3-D
        (Geometry(3, 5, 5, 1, (1, 4, 4), (1, 1, 1), (1, 2, 2), (0, 0, 0), (1, 1, 1)), 1, 2),    // 1x1 stride 2
        (Geometry(2, 2, 2, 1, (1, 3, 3), (1, 5, 5), (1, 1, 1), (0, 3, 3), (1, 1, 1)), 0, 2),    // padding wider than input
    ];

    [TestMethod]
    [DataRow(0, DisplayName = "3x3 same padding")]
    [DataRow(1, DisplayName = "stem-like 7x7 stride 2")]
    [DataRow(2, DisplayName = "grouped, stride 2")]
    [DataRow(3, DisplayName = "dilation 2")]
    [DataRow(4, DisplayName = "3-D")]
    [DataRow(5, DisplayName = "1x1 stride 2")]
    [DataRow(6, DisplayName = "padding wider than the input")]
    public void PackAndAccumulate_MatchPerImageReference(int index)
    {
        var (g, n0, images) = Cases[index];
        var random = new Random(5);
        float[] input = Enumerable.Range(0, g.Batch * g.InChannels * g.InSpatial).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        int columns = images * g.OutSpatial;
        for (int group = 0; group < g.Groups; group++)
        {
            var expected = new float[g.ColumnRows * columns];
            var actual = Enumerable.Repeat(float.NaN, expected.Length).ToArray();   // every entry must be written
            for (int i = 0; i < images; i++)
                Im2Col.Pack(g, input, (n0 + i) * g.InChannels * g.InSpatial, group, 0, g.OutSpatial, expected, i * g.OutSpatial, columns);
            Im2ColImages.Pack(g, input, n0, images, group, actual, columns);
            CollectionAssert.AreEqual(expected, actual, $"pack, group {group}");

            float[] cols = expected.Select(_ => (float)random.NextDouble()).ToArray();
            var expectedGrad = new float[input.Length];
            var actualGrad = new float[input.Length];
            for (int i = 0; i < images; i++)
                Im2Col.AccumulateBack(g, cols, i * g.OutSpatial, columns, group, 0, g.OutSpatial, expectedGrad, (n0 + i) * g.InChannels * g.InSpatial);
            Im2ColImages.AccumulateBack(g, cols, columns, n0, images, group, actualGrad);
            CollectionAssert.AreEqual(expectedGrad, actualGrad, $"accumulate, group {group}");
        }
    }

    private static ConvGeometry Geometry(int batch, int cin, int cout, int groups, (int, int, int) input, (int, int, int) kernel,
        (int, int, int) stride, (int, int, int) padding, (int, int, int) dilation) =>
        new(batch, cin, cout, groups, input, kernel, stride, padding, dilation);
}
