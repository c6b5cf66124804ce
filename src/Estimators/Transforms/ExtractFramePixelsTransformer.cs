using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.FrameOps;

[assembly: LoadableClass(typeof(ExtractFramePixelsTransformer), null, typeof(SignatureLoadModel),
    ExtractFramePixelsTransformer.UserName, ExtractFramePixelsTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ExtractFramePixelsTransformer), null, typeof(SignatureLoadRowMapper),
    ExtractFramePixelsTransformer.UserName, ExtractFramePixelsTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>
/// Turns a clip into the model input: a float vector of shape (T, C, H, W), or (V, T, C, H, W) when a row holds several views
/// (C and T swap places for <see cref="PixelLayout.CTHW"/>), normalised per channel. The normalisation and layout are saved
/// with the model, so inference normalises exactly as training did.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input</term><description><see cref="ClipDataViewType"/></description></item>
/// <item><term>Output</term><description><c>VectorDataViewType(Single, [V,] T, C, H, W)</c> when the pipeline fixes the clip geometry (resize and crop), else a variable-size Single vector</description></item>
/// </list>
/// </remarks>
public sealed class ExtractFramePixelsTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Extract Frame Pixels";
    internal const string LoaderSignature = "MLVideoFramePixels";

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVPIXEL",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(ExtractFramePixelsTransformer).Assembly.FullName);

    internal ExtractFramePixelsTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, FrameNormalization normalization,
        PixelLayout layout)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(ExtractFramePixelsTransformer)), outputColumnName, inputColumnName, 0)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        if (!Enum.IsDefined(layout)) throw new ArgumentOutOfRangeException(nameof(layout), $"Unknown pixel layout {(int)layout}.");
        Normalization = normalization;
        Layout = layout;
    }

    /// <summary>Per-channel mean and standard deviation (0..255 scale).</summary>
    public FrameNormalization Normalization { get; }

    /// <summary>Axis order of each view.</summary>
    public PixelLayout Layout { get; }

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // byte: layout
    // string: normalisation name
    // float[3]: means (R, G, B); float[3]: standard deviations
    private protected override void SaveFields(ModelSaveContext ctx)
    {
        ctx.Writer.Write((byte)Layout);
        ctx.SaveNonEmptyString(Normalization.Name);
        foreach (float m in Normalization.Mean) ctx.Writer.Write(m);
        foreach (float s in Normalization.Std) ctx.Writer.Write(s);
    }

    // Factory method for SignatureLoadModel.
    private static ExtractFramePixelsTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, _) = LoadCommon(env, ctx, GetVersionInfo(), "ExtractFramePixels");
        var layout = (PixelLayout)ctx.Reader.ReadByte();
        string name = ctx.LoadNonEmptyString();
        float[] mean = [ctx.Reader.ReadSingle(), ctx.Reader.ReadSingle(), ctx.Reader.ReadSingle()];
        float[] std = [ctx.Reader.ReadSingle(), ctx.Reader.ReadSingle(), ctx.Reader.ReadSingle()];
        try { return new ExtractFramePixelsTransformer(env, output, input, new FrameNormalization(name, mean, std), layout); }
        catch (ArgumentException e) { throw new FormatException($"The model's ExtractFramePixels step holds invalid options: {e.Message}", e); }
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    /// <summary>The output vector type for a clip type: fixed dimensions when the clip geometry is known, else variable size.</summary>
    public VectorDataViewType OutputType(ClipDataViewType clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (!clip.IsKnownSize) return new VectorDataViewType(NumberDataViewType.Single);
        int[] view = Layout == PixelLayout.TCHW ? [clip.FramesPerView, 3, clip.Height, clip.Width] : [3, clip.FramesPerView, clip.Height, clip.Width];
        // One view per row is (T, C, H, W), as other ML.NET components expect; several views get a leading V.
        return new VectorDataViewType(NumberDataViewType.Single, clip.Views == 1 ? view : [clip.Views, .. view]);
    }

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema)
    {
        ClipDataViewType clip = RequireClip(inputSchema, InputColumnName);
        var kind = clip.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector;
        return WithColumns(inputSchema, new SchemaShape.Column(OutputColumnName, kind, NumberDataViewType.Single, false));
    }

    /// <summary>The row mapper that converts each row's clip when a cursor reads the output column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : VideoMapper
    {
        private readonly ExtractFramePixelsTransformer _owner;
        private readonly DataViewSchema.Column _input;
        private readonly ClipDataViewType _clipType;

        public Mapper(ExtractFramePixelsTransformer owner, DataViewSchema schema) : this(owner, schema, owner.RequireClip(schema, owner.InputColumnName))
        {
        }

        private Mapper(ExtractFramePixelsTransformer owner, DataViewSchema schema, ClipDataViewType type)
            : base(owner, schema, schema[owner.InputColumnName])
        {
            _owner = owner;
            _input = schema[owner.InputColumnName];
            _clipType = type;
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
            [new DataViewSchema.DetachedColumn(_owner.OutputColumnName, _owner.OutputType(_clipType))];

        protected override Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state)
        {
            var source = input.GetGetter<VideoClip>(_input);
            VideoClip clip = null!;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                source(ref clip);
                CheckGeometry(clip);
                int length = clip.Frames.Count * 3 * clip.Frames.Width * clip.Frames.Height;
                // The caller's buffer is reused when it is large enough: no new array per row.
                var editor = VBufferEditor.Create(ref value, length);
                FramePixels.ExtractInto(clip.Frames, clip.FramesPerView, _owner.Layout, _owner.Normalization, editor.Values);
                value = editor.Commit();
            };
            return getter;
        }

        private void CheckGeometry(VideoClip clip)
        {
            if (_clipType.IsKnownSize && (clip.Views != _clipType.Views || clip.FramesPerView != _clipType.FramesPerView
                                          || clip.Frames.Width != _clipType.Width || clip.Frames.Height != _clipType.Height))
                throw new InvalidOperationException($"ExtractFramePixels: the clip of '{clip.Source.Path}' is {clip.Views} views x {clip.FramesPerView} frames of " +
                                                    $"{clip.Frames.Size}, but the column type promises {_clipType}.");
        }
    }
}
