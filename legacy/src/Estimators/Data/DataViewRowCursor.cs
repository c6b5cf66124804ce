namespace MLVideo.Data;

/// <summary>A forward-only cursor over the rows of an <see cref="IDataView"/>.</summary>
public abstract class DataViewRowCursor : DataViewRow
{
    /// <summary>Advances to the next row; false at the end.</summary>
    public abstract bool MoveNext();
}
