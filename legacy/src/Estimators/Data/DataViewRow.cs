namespace MLVideo.Data;

/// <summary>A row of values: getters read the current value of each active column.</summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>Index of the current row (-1 before the first <c>MoveNext</c>). Changes whenever the row changes.</summary>
    public abstract long Position { get; }

    /// <summary>Batch id for cursor sets; always 0 here.</summary>
    public virtual long Batch => 0;

    /// <summary>The columns of the row.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>Whether <paramref name="column"/> was requested when the cursor was created (only those can be read).</summary>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>
    /// A getter for an active column; <typeparamref name="TValue"/> must be the column's
    /// <see cref="DataViewType.RawType"/>. Throws for inactive columns.
    /// </summary>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>Releases resources held by the row.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override in rows that hold any.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The exception for a getter request on an inactive column.</summary>
    protected static InvalidOperationException InactiveColumn(DataViewSchema.Column column) =>
        new($"Column '{column.Name}' is not active in this cursor: pass it in columnsNeeded when creating the cursor.");

    /// <summary>The exception for a getter of the wrong .NET type.</summary>
    protected static InvalidOperationException WrongGetterType<TValue>(DataViewSchema.Column column) =>
        new($"Column '{column.Name}' has type {column.Type} and is read as {column.Type.RawType.Name}; a getter of {typeof(TValue).Name} was requested.");

    /// <summary>Checks that <paramref name="column"/> belongs to <see cref="Schema"/>.</summary>
    protected void CheckColumn(DataViewSchema.Column column)
    {
        if ((uint)column.Index >= (uint)Schema.Count || Schema[column.Index].Name != column.Name || !ReferenceEquals(Schema[column.Index].Type, column.Type) && !Schema[column.Index].Type.Equals(column.Type))
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' (index {column.Index}) does not belong to this row's schema ({Schema}).");
    }
}
