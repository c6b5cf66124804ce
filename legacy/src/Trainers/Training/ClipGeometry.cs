using MLVideo.Data;

namespace MLVideo.Trainers.Training;

/// <summary>
/// The shape of one row of the feature column: <c>views x T x C x H x W</c> (TCHW, frames of a view consecutive)
/// or <c>views x C x T x H x W</c> (CTHW), as <c>ExtractFramePixels</c> writes it.
/// </summary>
/// <param name="Views">Test views (clips x crops) in the row; 1 for ordinary training rows.</param>
/// <param name="Frames">T, frames per view.</param>
/// <param name="Channels">C (3 for RGB).</param>
/// <param name="Height">Frame height.</param>
/// <param name="Width">Frame width.</param>
/// <param name="ChannelsFirst">True for (C, T, H, W) views, false for (T, C, H, W).</param>
public sealed record ClipGeometry(int Views, int Frames, int Channels, int Height, int Width, bool ChannelsFirst)
{
    /// <summary>Floats in one view.</summary>
    public int ViewLength => Frames * Channels * Height * Width;

    /// <summary>Floats in one row.</summary>
    public int RowLength => Views * ViewLength;

    /// <summary>The model input shape for <paramref name="clips"/> views: (clips*T, C, H, W) or (clips, C, T, H, W).</summary>
    public int[] InputShape(int clips) => ChannelsFirst
        ? [clips, Channels, Frames, Height, Width]
        : [clips * Frames, Channels, Height, Width];

    /// <summary>Reads the geometry from the type of <paramref name="column"/>, checking it against the model's T.</summary>
    /// <exception cref="SchemaMismatchException">The column is not a known-size 5-D float vector with T = <paramref name="numSegments"/>.</exception>
    public static ClipGeometry FromColumn(DataViewSchema.Column column, int numSegments, string parameterName)
    {
        const string Expected = "known-size Vector<Single, views, T, C, H, W> (from ExtractFramePixels)";
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType, IsKnownSize: true } vector
            || vector.ItemType.RawType != typeof(float) || vector.Dimensions.Count != 5)
            throw SchemaMismatchException.Mismatch(parameterName, "feature", column.Name, Expected, column.Type.ToString()!);
        var d = vector.Dimensions;
        // ExtractFramePixels writes (views, T, 3, H, W) or (views, 3, T, H, W); T == 3 == C is read as TCHW (its default).
        if (d[1] == numSegments && d[2] is 1 or 3)
            return new ClipGeometry(d[0], d[1], d[2], d[3], d[4], ChannelsFirst: false);
        if (d[2] == numSegments && d[1] is 1 or 3)
            return new ClipGeometry(d[0], d[2], d[1], d[3], d[4], ChannelsFirst: true);
        throw SchemaMismatchException.Mismatch(parameterName, "feature", column.Name,
            $"{Expected} with T = NumSegments = {numSegments}", column.Type.ToString()!);
    }
}
