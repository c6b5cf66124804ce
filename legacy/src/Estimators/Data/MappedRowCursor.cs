namespace MLVideo.Data;

/// <summary>
/// A cursor (or a single row) exposing the input columns plus a mapper's outputs. Output getters are
/// created on first request and cache their value per row position, so each active output is
/// computed at most once per row.
/// </summary>
internal sealed class MappedRowCursor : DataViewRowCursor
{
    private readonly DataViewRow _input;
    private readonly RowMapper _mapper;
    private readonly bool[] _activeOutputs;
    private readonly Delegate?[] _outputGetters;
    private readonly int _inputCount;

    public MappedRowCursor(DataViewRow input, RowMapper mapper, DataViewSchema schema, bool[] activeOutputs)
    {
        _input = input;
        _mapper = mapper;
        Schema = schema;
        _activeOutputs = activeOutputs;
        _outputGetters = new Delegate?[activeOutputs.Length];
        _inputCount = mapper.InputSchema.Count;
    }

    /// <summary>The input columns to activate and the outputs that are active, for the requested columns.</summary>
    public static (List<DataViewSchema.Column> Inputs, bool[] ActiveOutputs) ResolveActive(
        RowMapper mapper, DataViewSchema outputSchema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        int inputCount = mapper.InputSchema.Count;
        var activeOutputs = new bool[mapper.OutputColumns.Count];
        var inputIndices = new SortedSet<int>();
        foreach (var column in columnsNeeded)
        {
            if ((uint)column.Index >= (uint)outputSchema.Count || outputSchema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' (index {column.Index}) does not belong to this view's schema.");
            if (column.Index < inputCount) inputIndices.Add(column.Index);
            else activeOutputs[column.Index - inputCount] = true;
        }
        for (int i = 0; i < activeOutputs.Length; i++)
        {
            if (!activeOutputs[i]) continue;
            foreach (var dependency in mapper.GetDependencies(i)) inputIndices.Add(dependency.Index);
        }
        return (inputIndices.Select(i => mapper.InputSchema[i]).ToList(), activeOutputs);
    }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override DataViewSchema Schema { get; }

    public override bool MoveNext() =>
        _input is DataViewRowCursor cursor ? cursor.MoveNext() : throw new InvalidOperationException("This mapped row is not a cursor.");

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        CheckColumn(column);
        return column.Index < _inputCount ? _input.IsColumnActive(_mapper.InputSchema[column.Index]) : _activeOutputs[column.Index - _inputCount];
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        CheckColumn(column);
        if (column.Index < _inputCount) return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
        int output = column.Index - _inputCount;
        if (!_activeOutputs[output]) throw InactiveColumn(column);
        if (column.Type.RawType != typeof(TValue)) throw WrongGetterType<TValue>(column);
        if (_outputGetters[output] is null)
        {
            var inner = _mapper.MakeGetter(_input, output) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"{_mapper.GetType().Name}.MakeGetter returned the wrong delegate type for column '{column.Name}' (expected ValueGetter<{typeof(TValue).Name}>).");
            _outputGetters[output] = new RowCachedGetter<TValue>(_input, inner).Getter;
        }
        return (ValueGetter<TValue>)_outputGetters[output]!;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
