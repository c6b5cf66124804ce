using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>Reads whole columns in tests.</summary>
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
