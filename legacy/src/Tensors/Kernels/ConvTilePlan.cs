namespace MLVideo.Tensors.Kernels;

/// <summary>
/// How the GEMM convolution walks its columns (image, output position). Small feature maps put several
/// whole images side by side in one GEMM (its n grows from outSpatial to images * outSpatial, which a
/// packed GEMM needs to run well); large ones (3-D volumes) split one image's positions into tiles so the
/// column scratch stays within <see cref="ScratchFloats"/>.
/// </summary>
internal readonly struct ConvTilePlan
{
    /// <summary>Default column-panel size (8 MiB): large enough for long GEMMs, small enough to rent cheaply.</summary>
    public const int DefaultScratchFloats = 1 << 21;

    /// <summary>Target floats of one column panel; tests lower it to exercise tiling on small inputs.</summary>
    internal static int ScratchFloats { get; set; } = DefaultScratchFloats;

    private readonly int _batch;
    private readonly int _spatial;
    private readonly int _tilesPerImage;

    private ConvTilePlan(int batch, int spatial, int imagesPerTile, int columnsPerTile)
    {
        _batch = batch;
        _spatial = spatial;
        ImagesPerTile = imagesPerTile;
        ColumnsPerTile = columnsPerTile;
        _tilesPerImage = imagesPerTile > 1 || spatial == 0 ? 1 : (spatial + columnsPerTile - 1) / columnsPerTile;
    }

    /// <summary>Whole images per tile (above 1, tiles are gathered into a scratch (C, images * S) layout).</summary>
    public int ImagesPerTile { get; }

    /// <summary>Output positions per tile when a tile covers (part of) one image.</summary>
    public int ColumnsPerTile { get; }

    /// <summary>True when tiles hold several images, laid out channel-major in scratch.</summary>
    public bool Batched => ImagesPerTile > 1;

    /// <summary>Largest number of GEMM columns of any tile.</summary>
    public int MaxColumns => Batched ? ImagesPerTile * _spatial : ColumnsPerTile;

    /// <summary>Number of tiles.</summary>
    public int TileCount => Batched ? (_batch + ImagesPerTile - 1) / ImagesPerTile : _batch * _tilesPerImage;

    /// <summary>Chooses the tiling for a convolution whose column matrix has <see cref="ConvGeometry.ColumnRows"/> rows.</summary>
    public static ConvTilePlan For(in ConvGeometry g)
    {
        int spatial = g.OutSpatial;
        int budgetColumns = Math.Max(1, ScratchFloats / Math.Max(1, g.ColumnRows));
        if (g.Batch > 1 && spatial > 0 && 2L * spatial <= budgetColumns)
            return new ConvTilePlan(g.Batch, spatial, Math.Min(g.Batch, budgetColumns / spatial), spatial);
        if (spatial <= budgetColumns) return new ConvTilePlan(g.Batch, spatial, 1, Math.Max(1, spatial));
        // Split one image into equal tiles (a multiple of 16 columns, at least 64) rather than one full and one ragged.
        int parts = (spatial + budgetColumns - 1) / budgetColumns;
        int width = (spatial + parts - 1) / parts;
        width = Math.Min(spatial, Math.Max(64, (width + 15) / 16 * 16));
        return new ConvTilePlan(g.Batch, spatial, 1, width);
    }

    /// <summary>The images [firstImage, firstImage + images) and positions [firstColumn, firstColumn + columns) of tile <paramref name="index"/>.</summary>
    public void GetTile(int index, out int firstImage, out int images, out int firstColumn, out int columns)
    {
        if (Batched)
        {
            firstImage = index * ImagesPerTile;
            images = Math.Min(ImagesPerTile, _batch - firstImage);
            firstColumn = 0;
            columns = _spatial;
            return;
        }
        firstImage = index / _tilesPerImage;
        images = 1;
        firstColumn = index % _tilesPerImage * ColumnsPerTile;
        columns = Math.Min(ColumnsPerTile, _spatial - firstColumn);
    }
}
