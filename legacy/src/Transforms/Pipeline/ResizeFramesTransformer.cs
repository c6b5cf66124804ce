using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>Resizes every frame of a clip (bilinear): to a short side keeping the aspect ratio, or to an exact size.</summary>
/// <remarks>Input and output: <see cref="ClipDataViewType"/>. Trains: no. A clip already at the target size passes through untouched.</remarks>
public sealed class ResizeFramesTransformer : VideoTransformerBase, IModelStep
{
    internal const string Kind = "ResizeFrames";

    internal ResizeFramesTransformer(string outputColumnName, string? inputColumnName, int shortSide, int width, int height)
        : base(outputColumnName, inputColumnName, 0)
    {
        if (shortSide > 0 == (width > 0 || height > 0) || (shortSide == 0 && (width <= 0 || height <= 0)))
            throw new ArgumentOutOfRangeException(nameof(shortSide), $"ResizeFrames: give either a positive short side or a positive width and height (got shortSide={shortSide}, {width}x{height}).");
        ShortSide = shortSide;
        Width = width;
        Height = height;
    }

    /// <summary>Target short side (0 when resizing to an exact size).</summary>
    public int ShortSide { get; }

    /// <summary>Exact target width (0 when resizing by short side).</summary>
    public int Width { get; }

    /// <summary>Exact target height (0 when resizing by short side).</summary>
    public int Height { get; }

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, ShortSide = ShortSide, Width = Width, Height = Height,
    });

    internal static ResizeFramesTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        try { return new ResizeFramesTransformer(o.OutputColumnName, o.InputColumnName, o.ShortSide, o.Width, o.Height); }
        catch (ArgumentException e) { throw new ModelFormatException($"{reader.Location}: ResizeFrames: {e.Message}"); }
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public int ShortSide { get; set; }
        public int Width { get; set; }
        public int Height { get; set; }
    }

    private FrameSize Target(FrameSize size) => ShortSide > 0 ? size.WithShortSide(ShortSide) : new FrameSize(Width, Height);

    private ClipDataViewType OutputType(ClipDataViewType input)
    {
        if (ShortSide == 0) return input.WithSize(Width, Height);
        if (input.Width == 0 || input.Height == 0) return input.WithSize(0, 0);
        FrameSize t = Target(new FrameSize(input.Width, input.Height));
        return input.WithSize(t.Width, t.Height);
    }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        inputSchema.WithColumns(Scalar(OutputColumnName, OutputType(RequireClip(inputSchema, InputColumnName))));

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class Mapper(ResizeFramesTransformer parent, DataViewSchema schema)
        : OneToOneRowMapper<VideoClip, VideoClip>(schema, parent.InputColumnName,
            new DataViewSchema.DetachedColumn(parent.OutputColumnName, parent.OutputType(RequireClip(schema, parent.InputColumnName, "ResizeFrames"))), "Clip")
    {
        protected override void Map(in VideoClip source, ref VideoClip result) =>
            result = source.With(FrameResize.Bilinear(source.Frames, parent.Target(source.Frames.Size)));

    }
}
