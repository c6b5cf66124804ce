using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLVideo;

/// <summary>
/// The shape of one row of a clip column: <c>views x T x C x H x W</c> (frames of a view consecutive), as
/// <c>ExtractFramePixels</c> writes it, <c>T x C x H x W</c> for a single view.
/// </summary>
/// <param name="Views">Test views (clips x crops) in the row; 1 for ordinary training rows.</param>
/// <param name="Frames">T, frames per view.</param>
/// <param name="Channels">C (3 for RGB).</param>
/// <param name="Height">Frame height.</param>
/// <param name="Width">Frame width.</param>
public sealed record ClipGeometry(int Views, int Frames, int Channels, int Height, int Width)
{
    /// <summary>Floats in one view.</summary>
    public int ViewLength => Frames * Channels * Height * Width;

    /// <summary>Floats in one row.</summary>
    public int RowLength => Views * ViewLength;

    /// <summary>The model input shape for <paramref name="clips"/> views: (clips, T, C, H, W).</summary>
    public long[] InputShape(int clips) => [clips, Frames, Channels, Height, Width];

    /// <summary>
    /// Reads the geometry from the type of <paramref name="column"/>: a known-size Single vector with dimensions
    /// (V, T, C, H, W) or (T, C, H, W), with T = <paramref name="numSegments"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ML.NET's schema mismatch error naming the column, the expected and the actual type.</exception>
    public static ClipGeometry FromColumn(DataViewSchema.Column column, int numSegments)
    {
        string expected = $"known-size Vector<Single> of dimensions (views, T={numSegments}, C, H, W) or (T={numSegments}, C, H, W), from ExtractFramePixels";
        if (column.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.ItemType != NumberDataViewType.Single)
            throw SchemaErrors.Mismatch("feature", column.Name, expected, column.Type);
        var d = vector.Dimensions;
        var geometry = d.Length switch
        {
            5 => new ClipGeometry(d[0], d[1], d[2], d[3], d[4]),
            4 => new ClipGeometry(1, d[0], d[1], d[2], d[3]),
            _ => null,
        };
        if (geometry is null || geometry.Frames != numSegments)
            throw SchemaErrors.Mismatch("feature", column.Name, expected, column.Type);
        return geometry;
    }
}
