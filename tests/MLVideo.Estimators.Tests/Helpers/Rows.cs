using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

public sealed class NumberRow
{
    public float X { get; set; }

    public string Label { get; set; } = "";
}

public sealed class VectorRow
{
    [ColumnName("Features"), VectorType(2, 3)]
    public float[] Values { get; set; } = [];

    [KeyType(4)]
    public uint Key { get; set; }

    public bool Flag;

    public int Count;

    public long Big;

    public string[] Tags { get; set; } = [];
}

/// <summary>Readers: Helpers for reading whole columns in tests.</summary>
public static class Columns
{
    public static List<T> Read<T>(IDataView view, string name)
    {
        var column = view.Schema[name];
        var result = new List<T>();
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(value);
        }
        return result;
    }
}
