using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

[assembly: LoadableClass(typeof(CropFramesTransformer), null, typeof(SignatureLoadModel),
    CropFramesTransformer.UserName, CropFramesTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(CropFramesTransformer), null, typeof(SignatureLoadRowMapper),
    CropFramesTransformer.UserName, CropFramesTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>
/// Crops every frame of a clip (mmaction2 semantics, see <see cref="CropPlanner"/>): one crop position per row, shared by all
/// its frames so motion is not distorted. Three and ten crop multiply the views: the output holds crop-major views (all
/// temporal views of crop 0, then crop 1, ...).
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input and output</term><description><see cref="ClipDataViewType"/></description></item>
/// </list>
/// Multi-scale crops are resized to the crop size (bilinear). Random and multi-scale positions are drawn per row and pass.
/// </remarks>
public sealed class CropFramesTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Crop Frames";
    internal const string LoaderSignature = "MLVideoCropFrames";

    /// <summary>TSN's multi-scale crop scales of the short side.</summary>
    internal static readonly IReadOnlyList<double> DefaultScales = [1, 0.875, 0.75, 0.66];

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVCROPF",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(CropFramesTransformer).Assembly.FullName);

    internal CropFramesTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, int width, int height, CropKind kind,
        IReadOnlyList<double>? scales, int maxAspectScaleGap, int seed)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(CropFramesTransformer)), outputColumnName, inputColumnName, seed)
    {
        new FrameSize(width, height).Validate("crop");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), $"Unknown crop kind {(int)kind}.");
        double[] s = scales?.ToArray() ?? [.. DefaultScales];
        if (s.Length == 0 || s.Any(x => !(x > 0 && x <= 1))) throw new ArgumentOutOfRangeException(nameof(scales), "Multi-scale crop scales must be in (0, 1].");
        if (maxAspectScaleGap < 0) throw new ArgumentOutOfRangeException(nameof(maxAspectScaleGap), $"maxAspectScaleGap must be >= 0, got {maxAspectScaleGap}.");
        Width = width;
        Height = height;
        Kind = kind;
        Scales = s;
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

    /// <summary>Output views per input view (3 for three crop, 10 for ten crop, else 1).</summary>
    public int CropsPerView => Kind switch { CropKind.Three => 3, CropKind.Ten => 10, _ => 1 };

    /// <summary>The evaluation counterpart: random and multi-scale crops become centre crops.</summary>
    public CropFramesTransformer ForEvaluation() => Kind is CropKind.Random or CropKind.MultiScale
        ? new(Host, OutputColumnName, InputColumnName, Width, Height, CropKind.Center, Scales, MaxAspectScaleGap, Seed) : this;

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // int: width; int: height; byte: crop kind
    // int: number of scales; double[]: scales
    // int: max aspect scale gap
    private protected override void SaveFields(ModelSaveContext ctx)
    {
        ctx.Writer.Write(Width);
        ctx.Writer.Write(Height);
        ctx.Writer.Write((byte)Kind);
        ctx.Writer.Write(Scales.Count);
        foreach (double s in Scales) ctx.Writer.Write(s);
        ctx.Writer.Write(MaxAspectScaleGap);
    }

    // Factory method for SignatureLoadModel.
    private static CropFramesTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, seed) = LoadCommon(env, ctx, GetVersionInfo(), "CropFrames");
        int width = ctx.Reader.ReadInt32(), height = ctx.Reader.ReadInt32();
        var kind = (CropKind)ctx.Reader.ReadByte();
        int count = ctx.Reader.ReadInt32();
        if (count is < 1 or > 64) throw new FormatException($"The model's CropFrames step lists {count} scales.");
        var scales = new double[count];
        for (int i = 0; i < count; i++) scales[i] = ctx.Reader.ReadDouble();
        int gap = ctx.Reader.ReadInt32();
        try { return new CropFramesTransformer(env, output, input, width, height, kind, scales, gap, seed); }
        catch (ArgumentException e) { throw new FormatException($"The model's CropFrames step holds invalid options: {e.Message}", e); }
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    private ClipDataViewType OutputType(ClipDataViewType input) => new(input.Views * CropsPerView, input.FramesPerView, Width, Height);

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema) =>
        WithColumns(inputSchema, Scalar(OutputColumnName, OutputType(RequireClip(inputSchema, InputColumnName))));

    /// <summary>The row mapper that crops each row's clip when a cursor reads the output column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    /// <summary>The random source handed to placements that draw nothing.</summary>
    private static readonly Random Unused = new(0);

    /// <summary>Crops one clip's frames; <paramref name="random"/> places random and multi-scale crops.</summary>
    internal FrameStack Apply(FrameStack frames, Random random)
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

    private sealed class Mapper : VideoMapper
    {
        private readonly CropFramesTransformer _owner;
        private readonly DataViewSchema.Column _input;
        private readonly ClipDataViewType _type;

        public Mapper(CropFramesTransformer owner, DataViewSchema schema) : this(owner, schema, owner.RequireClip(schema, owner.InputColumnName))
        {
        }

        private Mapper(CropFramesTransformer owner, DataViewSchema schema, ClipDataViewType type)
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
                return new VideoClip(clip.Source, _owner.Apply(clip.Frames, _owner.Kind is CropKind.Random or CropKind.MultiScale ? state.Random() : Unused), clip.FramesPerView);
            });
            return getter;
        }
    }
}
