using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// Crops every frame of a clip; one crop position per row, shared by all its frames (so motion is not distorted).
/// Three and ten crop multiply the views: the output holds crop-major views (all temporal views of crop 0, then crop 1, ...).
/// </summary>
/// <remarks>Input and output: <see cref="ClipDataViewType"/>. Trains: no. Multi-scale crops are resized to the crop size (bilinear).</remarks>
public sealed class CropFramesTransformer : VideoTransformerBase, IModelStep
{
    internal const string StepKindName = "CropFrames";

    internal CropFramesTransformer(string outputColumnName, string? inputColumnName, int width, int height, CropKind kind,
        IReadOnlyList<double>? scales, int maxAspectScaleGap, int seed)
        : base(outputColumnName, inputColumnName, seed)
    {
        new FrameSize(width, height).Validate("crop");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        Width = width;
        Height = height;
        Kind = kind;
        Scales = scales?.ToArray() ?? [1, 0.875, 0.75, 0.66];
        MaxAspectScaleGap = maxAspectScaleGap;
    }

    /// <summary>Crop width.</summary>
    public int Width { get; }

    /// <summary>Crop height.</summary>
    public int Height { get; }

    /// <summary>Placement of the crops.</summary>
    public CropKind Kind { get; }

    /// <summary>Multi-scale crop scales of the short side (TSN default 1, 0.875, 0.75, 0.66).</summary>
    public IReadOnlyList<double> Scales { get; }

    /// <summary>Multi-scale crop: largest difference between the width and height scale indices (TSN default 1).</summary>
    public int MaxAspectScaleGap { get; }

    /// <summary>Number of output views per input view.</summary>
    public int CropsPerView => Kind switch { CropKind.Three => 3, CropKind.Ten => 10, _ => 1 };

    /// <summary>The evaluation counterpart: random and multi-scale crops become centre crops.</summary>
    public CropFramesTransformer ForEvaluation() => Kind is CropKind.Random or CropKind.MultiScale
        ? new(OutputColumnName, InputColumnName, Width, Height, CropKind.Center, Scales, MaxAspectScaleGap, Seed) : this;

    /// <inheritdoc />
    public string StepKind => StepKindName;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, Width = Width, Height = Height, Kind = Kind.ToString(),
        Scales = Scales.ToArray(), MaxAspectScaleGap = MaxAspectScaleGap, Seed = Seed,
    });

    internal static CropFramesTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || !Enum.TryParse(o.Kind, out CropKind kind) || o.Scales is null)
            throw new ModelFormatException($"{reader.Location}: CropFrames options need column names, a known Kind and Scales.");
        try { return new CropFramesTransformer(o.OutputColumnName, o.InputColumnName, o.Width, o.Height, kind, o.Scales, o.MaxAspectScaleGap, o.Seed); }
        catch (ArgumentException e) { throw new ModelFormatException($"{reader.Location}: CropFrames: {e.Message}"); }
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public int Width { get; set; }
        public int Height { get; set; }
        public string Kind { get; set; } = "";
        public double[]? Scales { get; set; }
        public int MaxAspectScaleGap { get; set; }
        public int Seed { get; set; }
    }

    private ClipDataViewType OutputType(ClipDataViewType input) => new(input.Views * CropsPerView, input.FramesPerView, Width, Height);

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        inputSchema.WithColumns(Scalar(OutputColumnName, OutputType(RequireClip(inputSchema, InputColumnName))));

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private FrameStack Apply(FrameStack frames, Random random)
    {
        var crop = new FrameSize(Width, Height);
        switch (Kind)
        {
            case CropKind.Center: return FrameCrop.Crop(frames, CropPlanner.Center(frames.Size, crop));
            case CropKind.Random: return FrameCrop.Crop(frames, CropPlanner.Random(frames.Size, crop, random));
            case CropKind.Three: return FrameCrop.CropViews(frames, CropPlanner.Three(frames.Size, crop));
            case CropKind.Ten: return FrameCrop.CropViews(frames, CropPlanner.Ten(frames.Size, crop));
            default:
                CropRegion region = CropPlanner.MultiScale(frames.Size, crop, Scales, MaxAspectScaleGap, random);
                return FrameResize.Bilinear(FrameCrop.Crop(frames, region), crop);
        }
    }

    private sealed class Mapper : RowMapper
    {
        private readonly CropFramesTransformer _parent;
        private readonly DataViewSchema.Column _input;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(CropFramesTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            var type = RequireClip(schema, parent.InputColumnName, "CropFrames");
            _input = schema.GetColumnOrNull(parent.InputColumnName)!.Value;
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, parent.OutputType(type))];
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
                value = clip.With(_parent.Apply(clip.Frames, random(input.Position)));
            };
            return getter;
        }
    }
}
