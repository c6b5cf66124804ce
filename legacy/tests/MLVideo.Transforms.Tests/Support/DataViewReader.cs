using MLVideo.Data;

namespace MLVideo.Transforms.Tests.Support;

/// <summary>Reads whole columns from a data view (copying vector values, whose buffers may be reused).</summary>
internal static class DataViewReader
{
    public static List<T> Column<T>(IDataView data, string name) => Column<T, T>(data, name, v => v);

    /// <summary>Reads a column, converting each value inside the loop (vector buffers are reused from row to row).</summary>
    public static List<TOut> Column<T, TOut>(IDataView data, string name, Func<T, TOut> copy)
    {
        var column = data.Schema[name];
        var values = new List<TOut>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(copy(value));
        }
        return values;
    }

    public static List<float[]> Vectors(IDataView data, string name) =>
        Column<VBuffer<float>, float[]>(data, name, v => v.GetValues().ToArray());

    public static List<int[]> IntVectors(IDataView data, string name) =>
        Column<VBuffer<int>, int[]>(data, name, v => v.GetValues().ToArray());

    /// <summary>A class-folder dataset of small sample videos: clapping (2 videos), waving (2 videos).</summary>
    public static string MakeClassFolders()
    {
        string root = TestVideos.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(root, "clapping"));
        Directory.CreateDirectory(Path.Combine(root, "waving"));
        File.Copy(TestVideos.PathOf("filescraper_valid__h264_aac.mp4"), Path.Combine(root, "clapping", "a.mp4"));
        File.Copy(TestVideos.PathOf("imageio_realshort.mp4"), Path.Combine(root, "clapping", "b.mp4"));
        File.Copy(TestVideos.PathOf("mmaction2_rawvideo_part_0.mp4"), Path.Combine(root, "waving", "c.mp4"));
        File.Copy(TestVideos.PathOf("moviepy_bbb_432_433.webm"), Path.Combine(root, "waving", "d clip.webm"));
        return root;
    }
}
