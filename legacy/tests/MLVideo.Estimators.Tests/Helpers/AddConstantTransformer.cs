using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>Test transformer: Output = Input + Constant (Single columns), counting how often it computes.</summary>
public sealed class AddConstantTransformer : RowToRowTransformerBase
{
    public AddConstantTransformer(string outputColumnName, string inputColumnName, float constant)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Constant = constant;
    }

    public string OutputColumnName { get; }

    public string InputColumnName { get; }

    public float Constant { get; }

    public int Computations;

    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class Mapper : OneToOneRowMapper<float, float>
    {
        private readonly AddConstantTransformer _parent;

        public Mapper(AddConstantTransformer parent, DataViewSchema schema)
            : base(schema, parent.InputColumnName, new DataViewSchema.DetachedColumn(parent.OutputColumnName, NumberDataViewType.Single), "Single")
        {
            _parent = parent;
        }

        protected override void Map(in float source, ref float result)
        {
            Interlocked.Increment(ref _parent.Computations);
            result = source + _parent.Constant;
        }
    }
}
