using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MLVideo.Data;
using MLVideo.Model;
using MLVideo.Tensors;
using MLVideo.Trainers.Complexity;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// A trained TSN, TSM or GSF classifier as a pipeline step. From the feature column (views x T x C x H x W) it adds
/// <c>Score</c> (class probabilities, views combined, slot names = classes) and <c>PredictedLabel</c> (key with the
/// label's key values). The score column carries the model's GFLOPs per video, its measured milliseconds per video
/// and the test protocol as annotations (see <see cref="VideoCostAnnotations"/>).
/// </summary>
public sealed class VideoClassificationTransformer : RowToRowTransformerBase, IModelStep
{
    /// <summary>Step kind in model files.</summary>
    public const string Kind = "VideoClassifier";

    private readonly ConcurrentDictionary<ClipGeometry, double> _gmacsPerView = new();
    private readonly InferenceTimer _timer = new();

    internal VideoClassificationTransformer(VideoClassifier model, VideoClassifierStepOptions options, TrainingResult? training)
    {
        Model = model;
        Options = options;
        Training = training;
        model.Eval();
    }

    /// <summary>The network (in eval mode).</summary>
    public VideoClassifier Model { get; }

    /// <summary>Architecture, class names and column names.</summary>
    public VideoClassifierStepOptions Options { get; }

    /// <summary>Class names in key order.</summary>
    public IReadOnlyList<string> ClassNames => Options.ClassNames;

    /// <summary>The training history (null for a model loaded from a file).</summary>
    public TrainingResult? Training { get; internal set; }

    /// <summary>Mean measured model time per video of the predictions made so far (NaN before the first).</summary>
    public double MillisecondsPerVideo => _timer.MeanMilliseconds;

    /// <summary>Multiply-accumulates (in billions) of one view of the given size, counted by running the model once.</summary>
    public double GigaMacsPerView(int height, int width, int channels = 3) =>
        GigaMacsPerView(new ClipGeometry(1, Model.NumSegments, channels, height, width, ChannelsFirst: false));

    internal double GigaMacsPerView(ClipGeometry geometry) =>
        _gmacsPerView.GetOrAdd(geometry with { Views = 1 }, g => FlopCounter.Measure(Model, g.InputShape(1)).GigaMacsPerClip);

    /// <inheritdoc />
    string IModelStep.StepKind => Kind;

    /// <inheritdoc />
    int IModelStep.StepVersion => 1;

    /// <inheritdoc />
    void IModelStep.SaveStep(ModelStepWriter writer)
    {
        writer.WriteOptions(Options);
        writer.WriteTensors(Model.StateDict());
    }

    /// <summary>Rebuilds a saved classifier (registered with the model-file registry).</summary>
    internal static ITransformer Load(ModelStepReader reader)
    {
        var options = reader.ReadOptions<VideoClassifierStepOptions>();
        if (options.ClassNames.Length != options.Model.NumClasses)
            throw new ModelFormatException($"{reader.Location}: {options.ClassNames.Length} class names for {options.Model.NumClasses} classes.");
        var model = VideoModelFactory.Create(options.Model);
        var state = reader.ReadTensors().ToList();
        try
        {
            model.LoadStateDict(state, strict: true);
        }
        catch (Exception e) when (e is not ModelFormatException)
        {
            throw new ModelFormatException($"{reader.Location}: the saved weights do not fit the saved architecture: {e.Message}");
        }
        finally
        {
            foreach (var (_, t) in state) t.Dispose();
        }
        return new VideoClassificationTransformer(model, options, training: null);
    }

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private string DescribeProtocol(ClipGeometry g) => FormattableString.Invariant(
        $"{g.Views} view(s) x {g.Frames} frames, {g.Width}x{g.Height}, {(Options.ViewAveraging == ViewAveraging.Probabilities ? "probability" : "logit")} averaging");

    private sealed class Mapper : RowMapper
    {
        private readonly VideoClassificationTransformer _parent;
        private readonly DataViewSchema.Column _features;
        private readonly ClipGeometry _geometry;
        private readonly DataViewSchema.DetachedColumn[] _outputs;
        private readonly ConditionalWeakTable<DataViewRow, RowState> _states = new();

        public Mapper(VideoClassificationTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            var o = parent.Options;
            _features = schema.GetColumnOrNull(o.FeatureColumnName) ?? throw SchemaMismatchException.Missing(nameof(schema), "feature", o.FeatureColumnName, schema);
            _geometry = ClipGeometry.FromColumn(_features, parent.Model.NumSegments, nameof(schema));
            int classes = o.ClassNames.Length;
            var names = o.ClassNames.Select(n => n.AsMemory()).ToArray();
            double gflops = parent.GigaMacsPerView(_geometry) * _geometry.Views;
            var scoreAnnotations = new DataViewSchema.Annotations.Builder();
            scoreAnnotations.AddSlotNames(classes, (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(classes, names).CopyTo(ref dst));
            scoreAnnotations.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance, "MulticlassClassification".AsMemory());
            scoreAnnotations.Add(VideoCostAnnotations.GflopsPerVideo, NumberDataViewType.Double, gflops);
            var timer = parent._timer;
            scoreAnnotations.Add(VideoCostAnnotations.MillisecondsPerVideo, NumberDataViewType.Double, (ValueGetter<double>)((ref double ms) => ms = timer.MeanMilliseconds));
            scoreAnnotations.Add(VideoCostAnnotations.TestProtocol, TextDataViewType.Instance, parent.DescribeProtocol(_geometry).AsMemory());
            _outputs =
            [
                new DataViewSchema.DetachedColumn(o.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, classes), scoreAnnotations.ToAnnotations()),
                new DataViewSchema.DetachedColumn(o.PredictedLabelColumnName, new KeyDataViewType(classes), AnnotationUtils.KeyValuesOf(o.ClassNames)),
            ];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_features];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            // Score and PredictedLabel come from one forward pass per row, shared through a per-cursor state.
            var state = _states.GetValue(input, row => new RowState(row.GetGetter<VBuffer<float>>(_features), _parent.Options.ClassNames.Length));
            if (outputIndex == 0)
            {
                ValueGetter<VBuffer<float>> score = (ref VBuffer<float> value) =>
                {
                    var p = Compute(input, state);
                    var result = new float[p.Length];
                    p.CopyTo(result, 0);
                    value = new VBuffer<float>(result.Length, result);
                };
                return score;
            }
            ValueGetter<uint> predicted = (ref uint value) =>
            {
                var p = Compute(input, state);
                int best = 0;
                for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
                value = (uint)(best + 1);
            };
            return predicted;
        }

        private float[] Compute(DataViewRow input, RowState state)
        {
            if (state.Position == input.Position) return state.Probabilities;
            state.Features(ref state.Pixels);
            var values = state.Pixels.GetValues();
            if (values.Length != _geometry.RowLength)
                throw new InvalidOperationException($"Column '{_features.Name}', row {input.Position}: {values.Length} values, but its type promises {_geometry.RowLength}.");
            if (state.Row[0].Length != values.Length) state.Row[0] = new float[values.Length];
            values.CopyTo(state.Row[0]);
            long start = Stopwatch.GetTimestamp();
            ClipPredictor.Predict(_parent.Model, _geometry, _parent.Options.ViewAveraging, state.Row, state.Probabilities);
            _parent._timer.Add(start);
            state.Position = input.Position;
            return state.Probabilities;
        }

        private sealed class RowState(ValueGetter<VBuffer<float>> features, int classes)
        {
            public readonly ValueGetter<VBuffer<float>> Features = features;
            public readonly float[] Probabilities = new float[classes];
            public readonly float[][] Row = [[]];
            public VBuffer<float> Pixels;
            public long Position = -1;
        }
    }
}
