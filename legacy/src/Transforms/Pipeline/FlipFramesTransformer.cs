using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// Mirrors all frames of a clip horizontally with a probability (one coin per row). Leave it out (or set the probability to 0)
/// when labels depend on direction ("swiping left" vs "swiping right"): flipping would swap their meaning.
/// </summary>
/// <remarks>Input and output: <see cref="ClipDataViewType"/>. Trains: no. In evaluation (<see cref="ForEvaluation"/>) nothing is flipped.</remarks>
public sealed class FlipFramesTransformer : VideoTransformerBase, IModelStep
{
    internal const string Kind = "FlipFrames";

    internal FlipFramesTransformer(string outputColumnName, string? inputColumnName, double probability, int seed)
        : base(outputColumnName, inputColumnName, seed)
    {
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), $"Flip probability must be in [0, 1], got {probability}.");
        Probability = probability;
    }

    /// <summary>Probability that a row's clip is mirrored.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, Probability = Probability, Seed = Seed,
    });

    internal static FlipFramesTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        try { return new FlipFramesTransformer(o.OutputColumnName, o.InputColumnName, o.Probability, o.Seed); }
        catch (ArgumentException e) { throw new ModelFormatException($"{reader.Location}: FlipFrames: {e.Message}"); }
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public double Probability { get; set; }
        public int Seed { get; set; }
    }

    /// <summary>The evaluation counterpart: never flips.</summary>
    public FlipFramesTransformer ForEvaluation() => Probability == 0 ? this : new(OutputColumnName, InputColumnName, 0, Seed);

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        inputSchema.WithColumns(Scalar(OutputColumnName, RequireClip(inputSchema, InputColumnName)));

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class Mapper : RowMapper
    {
        private readonly FlipFramesTransformer _parent;
        private readonly DataViewSchema.Column _input;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(FlipFramesTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            var type = RequireClip(schema, parent.InputColumnName, "FlipFrames");
            _input = schema.GetColumnOrNull(parent.InputColumnName)!.Value;
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, type)];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_input];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var source = input.GetGetter<VideoClip>(_input);
            var random = _parent.NewPassRandom();
            VideoClip clip = null!;
            ValueGetter<VideoClip> getter = (ref VideoClip value) =>
            {
                source(ref clip);
                bool flip = _parent.Probability > 0 && random(input.Position).NextDouble() < _parent.Probability;
                value = flip ? clip.With(FrameCrop.FlipHorizontal(clip.Frames)) : clip;
            };
            return getter;
        }
    }
}
