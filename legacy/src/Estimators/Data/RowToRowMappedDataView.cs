namespace MLVideo.Data;

/// <summary>The lazy output of a <see cref="RowMapper"/> over an input view.</summary>
internal sealed class RowToRowMappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly RowMapper _mapper;

    public RowToRowMappedDataView(IDataView input, RowMapper mapper)
    {
        _input = input;
        _mapper = mapper;
        Schema = mapper.GetOutputSchema();
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, activeOutputs) = MappedRowCursor.ResolveActive(_mapper, Schema, columnsNeeded);
        var inputCursor = _input.GetRowCursor(inputColumns, rand);
        return new MappedRowCursor(inputCursor, _mapper, Schema, activeOutputs);
    }
}
