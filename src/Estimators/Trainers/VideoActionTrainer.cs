using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.MlNetSeam;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Training;
using TorchSharp;

namespace MLVideo;

/// <summary>
/// Trains a video action classifier (the method chosen by <see cref="VideoActionTrainer.Options.Method"/>) on a clip
/// column and returns a <see cref="VideoActionTransformer"/>. Reached through
/// <c>ml.MulticlassClassification.Trainers.VideoAction(...)</c>, or per method through <c>Tsn</c>, <c>Tsm</c> and <c>Gsf</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>yes (TorchSharp; CPU or CUDA)</description></item>
/// <item><term>Input</term><description>label: Key (MapValueToKey); features: <c>Vector&lt;Single, [V,] T, C, H, W&gt;</c> from ExtractFramePixels</description></item>
/// <item><term>Output</term><description>Score: Vector&lt;Single, K&gt; (slot names = classes); PredictedLabel: Key with the label's key values; ViewScores</description></item>
/// </list>
/// Schema errors are raised by <see cref="GetOutputSchema"/> and <see cref="Fit"/> before any video is decoded.
/// </remarks>
public partial class VideoActionTrainer : IEstimator<VideoActionTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly IHost _host;

    /// <summary>Creates the trainer; argument checks run here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, epoch count or rate is out of range.</exception>
    /// <param name="env">The ML.NET environment: an <see cref="MLContext"/>.</param>
    /// <param name="options">All options.</param>
    public VideoActionTrainer(IHostEnvironment env, Options options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        MlNetVersion.EnsureSupported();
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be positive.");
        if (options.MaxEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxEpoch, "MaxEpoch must be positive.");
        if (options.NumSegments <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.NumSegments, "NumSegments must be positive.");
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "LearningRate must be positive.");
        if (options.WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(options), options.WeightDecay, "WeightDecay cannot be negative.");
        if (!(options.WidthMultiplier > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.WidthMultiplier, "WidthMultiplier must be positive.");
        if (!Enum.IsDefined(options.Method)) throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown method.");
        _env = env;
        // The MLContext's seed makes the default seed reproducible, as for ML.NET's own trainers.
        _host = env.Register(nameof(VideoActionTrainer));
        TrainerOptions = options;
    }

    /// <summary>The options this trainer was created with.</summary>
    public Options TrainerOptions { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var o = TrainerOptions;
        if (!inputSchema.TryFindColumn(o.FeatureColumnName, out var features)) throw SchemaErrors.Missing("feature", o.FeatureColumnName);
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw SchemaErrors.Mismatch("feature", o.FeatureColumnName, "known-size Vector<Single> (ExtractFramePixels output)", features.GetTypeString());
        if (!inputSchema.TryFindColumn(o.LabelColumnName, out var label)) throw SchemaErrors.Missing("label", o.LabelColumnName);
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
            throw SchemaErrors.Mismatch("label", o.LabelColumnName, "Key<UInt32> (use MapValueToKey)", label.GetTypeString());

        var text = TextDataViewType.Instance;
        var scoreAnnotations = new SchemaShape(
        [
            new SchemaShape.Column(AnnotationUtils.Kinds.SlotNames, SchemaShape.Column.VectorKind.Vector, text, false),
            new SchemaShape.Column(AnnotationUtils.Kinds.ScoreColumnKind, SchemaShape.Column.VectorKind.Scalar, text, false),
            new SchemaShape.Column(AnnotationUtils.Kinds.ScoreValueKind, SchemaShape.Column.VectorKind.Scalar, text, false),
        ]);
        var keyAnnotations = new SchemaShape(
        [
            new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, text, false),
        ]);
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[o.ScoreColumnName] = new SchemaShape.Column(o.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, scoreAnnotations);
        columns[o.PredictedLabelColumnName] = new SchemaShape.Column(o.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, keyAnnotations);
        columns[VideoActionTransformer.ViewScoresColumnName] = new SchemaShape.Column(VideoActionTransformer.ViewScoresColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        return new SchemaShape(columns.Values);
    }

    /// <summary>Trains on <paramref name="input"/>, validating on <see cref="VideoActionTrainer.Options.ValidationSet"/> after every epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ML.NET's schema error: a column is missing or has the wrong type.</exception>
    public VideoActionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = TrainerOptions;
        GetOutputSchema(SchemaShape.Create(input.Schema));
        if (o.ValidationSet is { } validationSet) GetOutputSchema(SchemaShape.Create(validationSet.Schema));
        var geometry = ClipGeometry.FromColumn(input.Schema[o.FeatureColumnName], o.NumSegments);
        var labelColumn = input.Schema[o.LabelColumnName];
        int classes = checked((int)labelColumn.Type.GetKeyCount());
        if (classes < 2) throw new ArgumentException($"Label column '{o.LabelColumnName}' has {classes} class(es); at least 2 are needed.", nameof(input));
        string[] classNames = ClassNames(labelColumn, classes);

        int seed = o.Seed ?? _host.Rand.Next();
        var spec = new VideoModelSpec
        {
            Method = o.Method,
            Backbone = o.Backbone,
            WidthMultiplier = o.WidthMultiplier,
            NumSegments = o.NumSegments,
            NumClasses = classes,
            DropoutRatio = o.DropoutRatio,
            ShiftDiv = o.ShiftDiv,
            GsfChannelRatio = o.GsfChannelRatio,
            InputChannels = geometry.Channels,
        };
        var device = o.Device is null ? (torch.cuda.is_available() ? torch.CUDA : torch.CPU) : torch.device(o.Device);
        torch.random.manual_seed(seed);
        var network = TrainedNetwork.Create(spec, device);
        try
        {
            if (o.InitialWeightsPath is { } weights)
                Log($"Initial weights from '{weights}': {network.ImportWeights(weights)}");
            var train = new DataViewClipBatchSource(_env, input, o.FeatureColumnName, o.LabelColumnName, geometry);
            IClipBatchSource trainSource = o.CacheClips ? Cache(train, geometry, o.CancellationToken) : train;
            IClipBatchSource? validation = null;
            if (o.ValidationSet is { } v)
            {
                var vGeometry = ClipGeometry.FromColumn(v.Schema[o.FeatureColumnName], o.NumSegments);
                validation = Cache(new DataViewClipBatchSource(_env, v, o.FeatureColumnName, o.LabelColumnName, vGeometry), vGeometry, o.CancellationToken);
            }
            var summary = TrainingRun.Run(network, spec, trainSource, validation, o, seed, Log);
            var description = new VideoActionModelDescription
            {
                Architecture = spec,
                ClassNames = classNames,
                FeatureColumnName = o.FeatureColumnName,
                ScoreColumnName = o.ScoreColumnName,
                PredictedLabelColumnName = o.PredictedLabelColumnName,
                ViewAveraging = o.ViewAveraging,
            };
            var transformer = new VideoActionTransformer(_env, description, network, summary);
            double gflops = transformer.GigaMacsPerView(geometry);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{o.Method} {o.Backbone} x{o.WidthMultiplier}: {gflops:F3} GFLOPs (multiply-accumulates) per view of {geometry.Frames} frames at {geometry.Width}x{geometry.Height}, {network.ParameterCount:N0} parameters."));
            return transformer;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Checks that per-method options were not switched to another method.</summary>
    private protected static Options RequireMethod(Options options, VideoMethod method)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Method != method)
            throw new ArgumentException($"The {method} trainer was given options for {options.Method}; use ml.MulticlassClassification.Trainers.VideoAction to pick the method.", nameof(options));
        return options;
    }

    /// <summary>Writes to <c>ml.Log</c> through an ML.NET channel named after the method.</summary>
    private void Log(string message)
    {
        using var channel = _host.Start(TrainerOptions.Method.ToString());
        channel.Info(message);
    }

    private static InMemoryClipBatchSource Cache(DataViewClipBatchSource source, ClipGeometry geometry, CancellationToken cancellation)
    {
        var (clips, labels) = source.ReadAll(cancellation);
        if (clips.Count == 0) throw new InvalidOperationException("No labelled rows to train on: every row has a missing label.");
        return new InMemoryClipBatchSource(clips, labels, [geometry.Frames, geometry.Channels, geometry.Height, geometry.Width]);
    }

    private static string[] ClassNames(DataViewSchema.Column label, int classes)
    {
        if (label.HasKeyValues())
        {
            VBuffer<ReadOnlyMemory<char>> values = default;
            label.GetKeyValues(ref values);
            var names = values.DenseValues().Select(v => v.ToString()).ToArray();
            if (names.Length == classes) return names;
        }
        return Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }
}
