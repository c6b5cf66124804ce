using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLVideo.Estimators.Tests.Transforms.Support;

/// <summary>Reads whole columns of a data view through ML.NET cursors (copying vectors, whose buffers are reused from row to row).</summary>
internal static class DataViewReader
{
    public static List<T> Column<T>(IDataView data, string name) => Column<T, T>(data, name, v => v);

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

    public static List<string> Text(IDataView data, string name) => Column<ReadOnlyMemory<char>, string>(data, name, v => v.ToString());

    public static List<float[]> Vectors(IDataView data, string name) => Column<VBuffer<float>, float[]>(data, name, v => v.DenseValues().ToArray());

    public static List<int[]> IntVectors(IDataView data, string name) => Column<VBuffer<int>, int[]>(data, name, v => v.DenseValues().ToArray());

    /// <summary>The dimensions of a vector column.</summary>
    public static int[] Dimensions(IDataView data, string name) => ((VectorDataViewType)data.Schema[name].Type).Dimensions.ToArray();
}
