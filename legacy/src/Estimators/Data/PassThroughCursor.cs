namespace MLVideo.Data;

/// <summary>
/// A cursor exposing an input cursor's columns unchanged while choosing which input rows to show
/// (filters, take). It numbers the rows it shows itself.
/// </summary>
internal abstract class PassThroughCursor : DataViewRowCursor
{
    private long _position = -1;

    protected PassThroughCursor(DataViewRowCursor input) => Input = input;

    protected DataViewRowCursor Input { get; }

    public override long Position => _position;

    public override DataViewSchema Schema => Input.Schema;

    public override bool IsColumnActive(DataViewSchema.Column column) => Input.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Input.GetGetter<TValue>(column);

    public sealed override bool MoveNext()
    {
        if (!MoveNextCore()) return false;
        _position++;
        return true;
    }

    /// <summary>Advances <see cref="Input"/> to the next row to show; false at the end.</summary>
    protected abstract bool MoveNextCore();

    protected override void Dispose(bool disposing)
    {
        if (disposing) Input.Dispose();
        base.Dispose(disposing);
    }
}
