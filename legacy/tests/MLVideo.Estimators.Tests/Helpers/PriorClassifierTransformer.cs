using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>Scores every row with fixed class priors (see <see cref="PriorClassifierEstimator"/>).</summary>
public sealed class PriorClassifierTransformer : RowToRowTransformerBase
{
    public PriorClassifierTransformer(float[] priors) => Priors = priors;

    public float[] Priors { get; }

    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class Mapper : RowMapper
    {
        private readonly PriorClassifierTransformer _parent;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(PriorClassifierTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            _outputs =
            [
                new("Score", new VectorDataViewType(NumberDataViewType.Single, parent.Priors.Length)),
                new("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)parent.Priors.Length)),
            ];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var priors = _parent.Priors;
            if (outputIndex == 0)
                return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) => new VBuffer<float>(priors.Length, priors).CopyTo(ref dst));
            uint best = (uint)Array.IndexOf(priors, priors.Max()) + 1;
            return (ValueGetter<uint>)((ref uint dst) => dst = best);
        }
    }
}
