using MLVideo.Data;

namespace MLVideo;

/// <summary>Loading data into data views and reshaping them (split, shuffle, take, cache, filter).</summary>
public sealed partial class DataOperationsCatalog
{
    internal DataOperationsCatalog(MLVideoContext context) => Context = context;

    internal MLVideoContext Context { get; }

    /// <summary>
    /// A data view over objects: one column per public field or property of <typeparamref name="TRow"/>
    /// (named by <see cref="ColumnNameAttribute"/>, sized by <see cref="VectorTypeAttribute"/>, keys by
    /// <see cref="KeyTypeAttribute"/>, skipped with <see cref="NoColumnAttribute"/>). Values are read lazily
    /// from the objects as cursors ask for them. Lists can be shuffled; other sequences are streamed.
    /// </summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EnumerableDataView<TRow>(data, RowTypeMapping.For(typeof(TRow)));
    }

    /// <summary>
    /// A data view over objects whose column types and annotations come from <paramref name="schema"/>
    /// for members of the same name (e.g. a vector size for an unsized array, KeyValues for a key).
    /// </summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, DataViewSchema schema) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        return new EnumerableDataView<TRow>(data, RowTypeMapping.For(typeof(TRow)).WithSchema(schema));
    }

    /// <summary>
    /// Reads the rows of <paramref name="data"/> as <typeparamref name="TRow"/> objects, matching columns
    /// to members by name. With <paramref name="reuseRowObject"/> one object is refilled for every row.
    /// A member without a column throws unless <paramref name="ignoreMissingColumns"/>.
    /// </summary>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = RowReader<TRow>.Create(data.Schema, ignoreMissingColumns);
        return reader.ReadAll(data, reuseRowObject);
    }
}
