using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// Turns a clip into the model input: a float vector with dimensions (views, T, C, H, W) or (views, C, T, H, W), normalised per
/// channel. The normalisation and layout are part of the transformer, so a saved model normalises exactly as in training.
/// </summary>
/// <remarks>Input: <see cref="ClipDataViewType"/>. Output: Vector&lt;Single, views, T, C, H, W&gt; when the clip geometry is fixed by
/// the pipeline, else a variable-size Vector&lt;Single&gt;. Trains: no.</remarks>
public sealed class ExtractFramePixelsTransformer : VideoTransformerBase, IModelStep
{
    internal const string Kind = "ExtractFramePixels";

    internal ExtractFramePixelsTransformer(string outputColumnName, string? inputColumnName, FrameNormalization normalization, PixelLayout layout)
        : base(outputColumnName, inputColumnName ?? "Clip", 0)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        if (!Enum.IsDefined(layout)) throw new ArgumentOutOfRangeException(nameof(layout));
        Normalization = normalization;
        Layout = layout;
    }

    /// <summary>Per-channel mean and standard deviation (0..255 scale).</summary>
    public FrameNormalization Normalization { get; }

    /// <summary>Axis order of each view.</summary>
    public PixelLayout Layout { get; }

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <summary>Saves the normalisation (name, mean, std) and layout: inference must normalise exactly as training did.</summary>
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, Layout = Layout.ToString(),
        NormalizationName = Normalization.Name, Mean = Normalization.Mean.ToArray(), Std = Normalization.Std.ToArray(),
    });

    internal static ExtractFramePixelsTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || string.IsNullOrEmpty(o.InputColumnName) || !Enum.TryParse(o.Layout, out PixelLayout layout)
            || o.Mean is not { Length: 3 } || o.Std is not { Length: 3 })
            throw new ModelFormatException($"{reader.Location}: ExtractFramePixels options need column names, a known Layout and three means and stds.");
        try { return new ExtractFramePixelsTransformer(o.OutputColumnName, o.InputColumnName, new FrameNormalization(o.NormalizationName, o.Mean, o.Std), layout); }
        catch (ArgumentException e) { throw new ModelFormatException($"{reader.Location}: ExtractFramePixels: {e.Message}"); }
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public string Layout { get; set; } = "";
        public string NormalizationName { get; set; } = "";
        public float[]? Mean { get; set; }
        public float[]? Std { get; set; }
    }

    /// <summary>The output vector type for a clip type.</summary>
    public VectorDataViewType OutputType(ClipDataViewType clip)
    {
        if (!clip.IsKnownSize) return new VectorDataViewType(NumberDataViewType.Single);
        return Layout == PixelLayout.TCHW
            ? new VectorDataViewType(NumberDataViewType.Single, clip.Views, clip.FramesPerView, 3, clip.Height, clip.Width)
            : new VectorDataViewType(NumberDataViewType.Single, clip.Views, 3, clip.FramesPerView, clip.Height, clip.Width);
    }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var clip = RequireClip(inputSchema, InputColumnName);
        var kind = clip.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector;
        return inputSchema.WithColumns(new SchemaShape.Column(OutputColumnName, kind, NumberDataViewType.Single, false));
    }

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class Mapper(ExtractFramePixelsTransformer parent, DataViewSchema schema)
        : OneToOneRowMapper<VideoClip, VBuffer<float>>(schema, parent.InputColumnName,
            new DataViewSchema.DetachedColumn(parent.OutputColumnName, parent.OutputType(RequireClip(schema, parent.InputColumnName, "ExtractFramePixels"))), "Clip")
    {
        private readonly ClipDataViewType _type = RequireClip(schema, parent.InputColumnName, "ExtractFramePixels");

        protected override void Map(in VideoClip source, ref VBuffer<float> result)
        {
            if (_type.IsKnownSize && (source.Views != _type.Views || source.FramesPerView != _type.FramesPerView
                                      || source.Frames.Width != _type.Width || source.Frames.Height != _type.Height))
                throw new InvalidOperationException($"ExtractFramePixels: clip of '{source.Source.Path}' is {source.Views} views x {source.FramesPerView} frames of " +
                                                    $"{source.Frames.Size}, but the column type promises {_type}.");
            var (values, _) = FramePixels.Extract(source.Frames, source.FramesPerView, parent.Layout, parent.Normalization);
            result = new VBuffer<float>(values.Length, values);
        }

    }
}
