using System.Globalization;
using MLVideo.Data;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Weights;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Base of the TSN-family trainer estimators: checks the schema (before any data is read), builds the model,
/// runs <see cref="VideoTrainingLoop"/> and returns a <see cref="VideoClassificationTransformer"/>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
public abstract class VideoClassificationTrainerBase<TOptions> : IEstimator<VideoClassificationTransformer>
    where TOptions : VideoTrainerOptions
{
    private protected VideoClassificationTrainerBase(MLVideoContext context, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be positive.");
        if (options.MaxEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxEpoch, "MaxEpoch must be positive.");
        if (options.NumSegments <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.NumSegments, "NumSegments must be positive.");
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "LearningRate must be positive.");
        if (options.WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(options), options.WeightDecay, "WeightDecay cannot be negative.");
        Context = context;
        TrainerOptions = options;
    }

    /// <summary>The context (logging, seeds).</summary>
    private protected MLVideoContext Context { get; }

    /// <summary>The options this trainer was created with.</summary>
    public TOptions TrainerOptions { get; }

    /// <summary>The temporal method this trainer builds.</summary>
    private protected abstract VideoMethod Method { get; }

    /// <summary>Adds the method's own options to the model options.</summary>
    private protected virtual void Configure(VideoModelOptions model) { }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var o = TrainerOptions;
        inputSchema.RequireColumn(o.FeatureColumnName, "feature",
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType.RawType == typeof(float) && !c.IsKey,
            "known-size vector of Single (ExtractFramePixels output)");
        var label = inputSchema.RequireColumn(o.LabelColumnName, "label", c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.IsKey,
            "Key (use MapValueToKey)");
        var keyValues = label.Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out var kv) ? kv
            : new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false);
        return inputSchema.WithColumns(
            new SchemaShape.Column(o.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false,
                new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.SlotNames, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)])),
            new SchemaShape.Column(o.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true,
                new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)])));
    }

    /// <summary>Trains on <paramref name="input"/> (and validates on <see cref="VideoTrainerOptions.ValidationSet"/>).</summary>
    /// <exception cref="SchemaMismatchException">A column is missing or has the wrong type.</exception>
    public VideoClassificationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        if (TrainerOptions.ValidationSet is { } validationSet) GetOutputSchema(SchemaShape.Create(validationSet.Schema));
        var o = TrainerOptions;
        var label = input.Schema[o.LabelColumnName];
        int classes = checked((int)((KeyDataViewType)label.Type).Count);
        if (classes < 2) throw new ArgumentException($"Label column '{o.LabelColumnName}' has {classes} class(es); at least 2 are needed.", nameof(input));
        string[] classNames = label.HasKeyValues()
            ? label.GetKeyValueStrings()
            : Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        int seed = o.Seed ?? Context.NextSeed();
        var modelOptions = new VideoModelOptions
        {
            Method = Method,
            Backbone = o.Backbone,
            WidthMultiplier = o.WidthMultiplier,
            NumClasses = classes,
            NumSegments = o.NumSegments,
            Dropout = o.Dropout,
            Seed = unchecked((ulong)seed),
        };
        Configure(modelOptions);
        var model = VideoModelFactory.Create(modelOptions);
        if (o.InitialWeightsPath is { } weights)
        {
            var report = WeightImport.ImportWeights(model, weights, strict: false);
            Context.WriteLog(ChannelMessageKind.Info, Method.ToString(), $"Initial weights from '{weights}': {report}");
        }

        var train = new ClipSource(Context, input, o.FeatureColumnName, o.LabelColumnName, o.NumSegments, classes, o.CacheClips);
        var validation = o.ValidationSet is null ? null
            : new ClipSource(Context, o.ValidationSet, o.FeatureColumnName, o.LabelColumnName, o.NumSegments, classes, cache: true);
        var loop = new VideoTrainingLoop(Context, o, seed);
        var result = loop.Run(model, Fingerprint(modelOptions), train, validation);
        var stepOptions = new VideoClassifierStepOptions
        {
            Model = modelOptions,
            ClassNames = classNames,
            FeatureColumnName = o.FeatureColumnName,
            ScoreColumnName = o.ScoreColumnName,
            PredictedLabelColumnName = o.PredictedLabelColumnName,
            ViewAveraging = o.ViewAveraging,
        };
        var transformer = new VideoClassificationTransformer(model, stepOptions, result);
        // Counted once through the transformer, whose cache then serves the score column's GFLOPs annotation.
        var geometry = ClipGeometry.FromColumn(input.Schema[o.FeatureColumnName], o.NumSegments, nameof(input));
        double gflops = transformer.GigaMacsPerView(geometry);
        long parameters = model.CountParameters();
        transformer.Training = result with { GflopsPerView = gflops, Parameters = parameters };
        Context.WriteLog(ChannelMessageKind.Info, Method.ToString(), FormattableString.Invariant(
            $"{Method} {o.Backbone} x{o.WidthMultiplier}: {gflops:F3} GFLOPs (multiply-accumulates) per view of {geometry.Frames} frames at {geometry.Width}x{geometry.Height}, {parameters:N0} parameters."));
        return transformer;
    }

    /// <summary>Identifies the architecture in checkpoints (the seed is left out: it only sets the initial weights).</summary>
    private static string Fingerprint(VideoModelOptions m) => FormattableString.Invariant(
        $"{m.Method} {m.Backbone} x{m.WidthMultiplier} classes={m.NumClasses} T={m.NumSegments} shiftDiv={m.ShiftDiv} gsf={m.GsfChannelRatio}");
}
