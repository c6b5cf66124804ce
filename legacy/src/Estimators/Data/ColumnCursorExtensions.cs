namespace MLVideo.Data;

/// <summary>Reading a whole column (ML.NET's <c>GetColumn</c>), handy in tests and small tools.</summary>
public static class ColumnCursorExtensions
{
    /// <summary>
    /// The values of <paramref name="columnName"/>, read lazily. <typeparamref name="T"/> is the column's raw
    /// type, or <see cref="string"/> for text, or <c>TItem[]</c> (<c>string[]</c> for text) for vectors (a fresh array per row).
    /// </summary>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema.GetColumnOrNull(columnName) ?? throw SchemaMismatchException.Missing(nameof(columnName), "source", columnName, data.Schema);
        Type raw = column.Type.RawType;
        if (typeof(T) == raw) return Read<T, T>(data, column, static (in T v) => CopyIfVector(v));
        if (typeof(T) == typeof(string) && raw == typeof(ReadOnlyMemory<char>))
            return (IEnumerable<T>)Read<ReadOnlyMemory<char>, string>(data, column, static (in ReadOnlyMemory<char> v) => v.ToString());
        if (typeof(T) == typeof(string[]) && raw == typeof(VBuffer<ReadOnlyMemory<char>>))
            return (IEnumerable<T>)Read<VBuffer<ReadOnlyMemory<char>>, string[]>(data, column, static (in VBuffer<ReadOnlyMemory<char>> v) =>
                v.DenseValues().Select(m => m.ToString()).ToArray());
        if (typeof(T).IsArray && raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>) && raw.GetGenericArguments()[0] == typeof(T).GetElementType())
        {
            var method = typeof(ColumnCursorExtensions).GetMethod(nameof(ReadArrays), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(typeof(T).GetElementType()!);
            return (IEnumerable<T>)method.Invoke(null, [data, column])!;
        }
        throw new InvalidOperationException($"Column '{columnName}' of type {column.Type} cannot be read as {typeof(T).Name}.");
    }

    private delegate TOut Convert<TIn, TOut>(in TIn value);

    private static IEnumerable<TOut> Read<TIn, TOut>(IDataView data, DataViewSchema.Column column, Convert<TIn, TOut> convert)
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<TIn>(column);
        TIn value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            yield return convert(value);
        }
    }

    private static IEnumerable<TItem[]> ReadArrays<TItem>(IDataView data, DataViewSchema.Column column) =>
        Read<VBuffer<TItem>, TItem[]>(data, column, static (in VBuffer<TItem> v) => v.GetValues().ToArray());

    // Each yielded vector gets its own buffer: the getter reuses one from row to row.
    private static T CopyIfVector<T>(T value)
    {
        T copy = default!;
        ValueCopier<T>.Copy(in value, ref copy);
        return copy;
    }
}
