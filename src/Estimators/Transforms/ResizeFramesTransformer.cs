using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

[assembly: LoadableClass(typeof(ResizeFramesTransformer), null, typeof(SignatureLoadModel),
    ResizeFramesTransformer.UserName, ResizeFramesTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ResizeFramesTransformer), null, typeof(SignatureLoadRowMapper),
    ResizeFramesTransformer.UserName, ResizeFramesTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>Resizes every frame of a clip (bilinear, half-pixel centres): to a short side keeping the aspect ratio, or to an exact size.</summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input and output</term><description><see cref="ClipDataViewType"/></description></item>
/// </list>
/// A clip already at the target size passes through untouched.
/// </remarks>
public sealed class ResizeFramesTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Resize Frames";
    internal const string LoaderSignature = "MLVideoResizeFrames";

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVRESZF",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(ResizeFramesTransformer).Assembly.FullName);

    internal ResizeFramesTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, int shortSide, int width, int height)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(ResizeFramesTransformer)), outputColumnName, inputColumnName, 0)
    {
        bool bySide = shortSide > 0 && width == 0 && height == 0, exact = shortSide == 0 && width > 0 && height > 0;
        if (!bySide && !exact)
            throw new ArgumentOutOfRangeException(nameof(shortSide),
                $"ResizeFrames: give either a positive short side or a positive width and height (got shortSide={shortSide}, {width}x{height}).");
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

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // int: short side (0: exact size); int: width; int: height
    private protected override void SaveFields(ModelSaveContext ctx)
    {
        ctx.Writer.Write(ShortSide);
        ctx.Writer.Write(Width);
        ctx.Writer.Write(Height);
    }

    // Factory method for SignatureLoadModel.
    private static ResizeFramesTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, _) = LoadCommon(env, ctx, GetVersionInfo(), "ResizeFrames");
        int shortSide = ctx.Reader.ReadInt32(), width = ctx.Reader.ReadInt32(), height = ctx.Reader.ReadInt32();
        try { return new ResizeFramesTransformer(env, output, input, shortSide, width, height); }
        catch (ArgumentException e) { throw new FormatException($"The model's ResizeFrames step holds invalid options: {e.Message}", e); }
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    private FrameSize Target(FrameSize size) => ShortSide > 0 ? size.WithShortSide(ShortSide) : new FrameSize(Width, Height);

    private ClipDataViewType OutputType(ClipDataViewType input)
    {
        if (ShortSide == 0) return input.WithSize(Width, Height);
        if (input.Width == 0 || input.Height == 0) return input.WithSize(0, 0);
        FrameSize target = Target(new FrameSize(input.Width, input.Height));
        return input.WithSize(target.Width, target.Height);
    }

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema) =>
        WithColumns(inputSchema, Scalar(OutputColumnName, OutputType(RequireClip(inputSchema, InputColumnName))));

    /// <summary>The row mapper that resizes each row's clip when a cursor reads the output column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : VideoMapper
    {
        private readonly ResizeFramesTransformer _owner;
        private readonly DataViewSchema.Column _input;
        private readonly ClipDataViewType _type;

        public Mapper(ResizeFramesTransformer owner, DataViewSchema schema) : this(owner, schema, owner.RequireClip(schema, owner.InputColumnName))
        {
        }

        private Mapper(ResizeFramesTransformer owner, DataViewSchema schema, ClipDataViewType type)
            : base(owner, schema, schema[owner.InputColumnName])
        {
            _owner = owner;
            _input = schema[owner.InputColumnName];
            _type = owner.OutputType(type);
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() => [new DataViewSchema.DetachedColumn(_owner.OutputColumnName, _type)];

        protected override Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state)
        {
            var source = input.GetGetter<VideoClip>(_input);
            VideoClip clip = null!;
            ValueGetter<VideoClip> getter = (ref VideoClip value) => value = state.Get(input.Position, 0, () =>
            {
                source(ref clip);
                return clip.With(FrameResize.Bilinear(clip.Frames, _owner.Target(clip.Frames.Size)));
            });
            return getter;
        }
    }
}
