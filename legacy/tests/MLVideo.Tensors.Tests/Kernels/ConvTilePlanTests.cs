using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The column tiling of the GEMM convolution covers every (image, position) exactly once.</summary>
[TestClass]
public sealed class ConvTilePlanTests
{
    [TestMethod]
    [DataRow(8, 64, 56, 3, 1 << 21, DisplayName = "ResNet layer1 at 224: one image per tile")]
    [DataRow(8, 512, 4, 3, 1 << 21, DisplayName = "layer4 at 112: all images in one tile")]
    [DataRow(5, 256, 14, 3, 1 << 21, DisplayName = "batched with a ragged last tile")]
    [DataRow(2, 64, 57, 3, 64 * 9 * 200, DisplayName = "one image split into column tiles")]
    [DataRow(1, 8, 3, 1, 1, DisplayName = "budget below one column")]
    public void Tiles_CoverEveryColumnOnce(int batch, int channels, int side, int kernel, int scratch)
    {
        int saved = ConvTilePlan.ScratchFloats;
        try
        {
            ConvTilePlan.ScratchFloats = scratch;
            var g = new ConvGeometry(batch, channels, channels, 1, (1, side, side), (1, kernel, kernel), (1, 1, 1),
                (0, kernel / 2, kernel / 2), (1, 1, 1));
            var plan = ConvTilePlan.For(g);
            var seen = new int[batch * g.OutSpatial];
            for (int t = 0; t < plan.TileCount; t++)
            {
                plan.GetTile(t, out int n0, out int images, out int s0, out int count);
                Assert.IsTrue(images * count <= plan.MaxColumns, $"tile {t} has {images * count} columns, scratch holds {plan.MaxColumns}");
                Assert.IsTrue(images == 1 || (s0 == 0 && count == g.OutSpatial), "multi-image tiles hold whole images");
                for (int i = 0; i < images; i++)
                    for (int s = s0; s < s0 + count; s++) seen[(n0 + i) * g.OutSpatial + s]++;
            }
            for (int i = 0; i < seen.Length; i++) Assert.AreEqual(1, seen[i], $"column {i}");
        }
        finally
        {
            ConvTilePlan.ScratchFloats = saved;
        }
    }
}
