namespace MLVideo.Data;

/// <summary>
/// A lazily evaluated table: rows are produced by cursors, and only the columns a cursor activates
/// are computed.
/// </summary>
public interface IDataView
{
    /// <summary>Whether cursors honour a <c>rand</c> argument by visiting rows in a shuffled order.</summary>
    bool CanShuffle { get; }

    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>Number of rows when known without reading the data, else null.</summary>
    long? GetRowCount();

    /// <summary>
    /// A cursor over the rows with <paramref name="columnsNeeded"/> active (others cannot be read and
    /// are not computed). When <paramref name="rand"/> is given and <see cref="CanShuffle"/> is true the
    /// rows come in a random order.
    /// </summary>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <summary>Cursors that together visit every row once; this library returns a single cursor.</summary>
    DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
