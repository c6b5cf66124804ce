using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.FrameOps;

[assembly: LoadableClass(typeof(FlipFramesTransformer), null, typeof(SignatureLoadModel),
    FlipFramesTransformer.UserName, FlipFramesTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(FlipFramesTransformer), null, typeof(SignatureLoadRowMapper),
    FlipFramesTransformer.UserName, FlipFramesTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>
/// Mirrors all frames of a clip horizontally with a probability (one coin per row and pass). Leave it out, or set the
/// probability to 0, when labels depend on direction ("swiping left" vs "swiping right"): flipping would swap their meaning.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input and output</term><description><see cref="ClipDataViewType"/></description></item>
/// </list>
/// In evaluation (<see cref="ForEvaluation"/>) nothing is flipped.
/// </remarks>
public sealed class FlipFramesTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Flip Frames";
    internal const string LoaderSignature = "MLVideoFlipFrames";

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVFLIPF",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(FlipFramesTransformer).Assembly.FullName);

    internal FlipFramesTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, double probability, int seed)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(FlipFramesTransformer)), outputColumnName, inputColumnName, seed)
    {
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), $"Flip probability must be in [0, 1], got {probability}.");
        Probability = probability;
    }

    /// <summary>Probability that a row's clip is mirrored.</summary>
    public double Probability { get; }

    /// <summary>The evaluation counterpart: never flips.</summary>
    public FlipFramesTransformer ForEvaluation() => Probability == 0 ? this : new(Host, OutputColumnName, InputColumnName, 0, Seed);

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // double: probability
    private protected override void SaveFields(ModelSaveContext ctx) => ctx.Writer.Write(Probability);

    // Factory method for SignatureLoadModel.
    private static FlipFramesTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, seed) = LoadCommon(env, ctx, GetVersionInfo(), "FlipFrames");
        double probability = ctx.Reader.ReadDouble();
        try { return new FlipFramesTransformer(env, output, input, probability, seed); }
        catch (ArgumentException e) { throw new FormatException($"The model's FlipFrames step holds invalid options: {e.Message}", e); }
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema) =>
        WithColumns(inputSchema, Scalar(OutputColumnName, RequireClip(inputSchema, InputColumnName)));

    /// <summary>The row mapper that flips each row's clip (or not) when a cursor reads the output column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : VideoMapper
    {
        private readonly FlipFramesTransformer _owner;
        private readonly DataViewSchema.Column _input;
        private readonly ClipDataViewType _type;

        public Mapper(FlipFramesTransformer owner, DataViewSchema schema) : this(owner, schema, owner.RequireClip(schema, owner.InputColumnName))
        {
        }

        private Mapper(FlipFramesTransformer owner, DataViewSchema schema, ClipDataViewType type)
            : base(owner, schema, schema[owner.InputColumnName])
        {
            _owner = owner;
            _input = schema[owner.InputColumnName];
            _type = type;
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() => [new DataViewSchema.DetachedColumn(_owner.OutputColumnName, _type)];

        protected override Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state)
        {
            var source = input.GetGetter<VideoClip>(_input);
            VideoClip clip = null!;
            ValueGetter<VideoClip> getter = (ref VideoClip value) => value = state.Get(input.Position, 0, () =>
            {
                source(ref clip);
                bool flip = _owner.Probability > 0 && state.Random().NextDouble() < _owner.Probability;
                return flip ? clip.With(FrameCrop.FlipHorizontal(clip.Frames)) : clip;
            });
            return getter;
        }
    }
}
