using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo;
using MLVideo.MlNetSeam;
using MLVideo.Trainers.Training;
using TorchSharp;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(VideoActionTransformer), null, typeof(SignatureLoadModel),
    "MLVideo action classifier", VideoActionTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(VideoActionTransformer), null, typeof(SignatureLoadRowMapper),
    "MLVideo action classifier", VideoActionTransformer.LoaderSignature)]

namespace MLVideo;

/// <summary>
/// A trained video action classifier (TSN, TSM, GSF, ...) as an ML.NET transformer. From the clip column
/// (<c>Vector&lt;Single, [V,] T, C, H, W&gt;</c>) it adds ML.NET's multiclass columns: <c>Score</c> (class
/// probabilities with the views combined; slot names = classes; the score-column annotations, so
/// <c>ml.MulticlassClassification.Evaluate</c> works unchanged) and <c>PredictedLabel</c> (a key with the label's
/// key values), plus <c>ViewScores</c> (V x K probabilities per view, for clip-level accuracy). The score column also
/// carries GFLOPs per video, measured milliseconds per video and the test protocol (<see cref="VideoScoreAnnotations"/>).
/// </summary>
/// <remarks>
/// Saved by <c>ml.Model.Save</c> into ML.NET's zip: the architecture as JSON and the weights as one safetensors
/// stream with PyTorch state-dict names. <c>ml.Model.Load</c> in a fresh process rebuilds it with no registration.
/// One forward pass per row serves all three output columns.
/// </remarks>
public sealed class VideoActionTransformer : RowToRowTransformerBase, IDisposable
{
    internal const string LoaderSignature = "MLVideoActionClassifier";
    internal const string DescriptionStream = "Architecture.json";
    internal const string WeightsStream = "Weights.safetensors";

    /// <summary>Name of the per-view probability column added beside Score and PredictedLabel.</summary>
    public const string ViewScoresColumnName = "ViewScores";

    private readonly InferenceTimer _timer = new();
    private readonly Dictionary<ClipGeometry, double> _gigaMacsPerView = new();
    private readonly object _countLock = new();

    internal VideoActionTransformer(IHostEnvironment env, VideoActionModelDescription description, TrainedNetwork network, TrainingResult? training)
        : base(Checked(env).Register(nameof(VideoActionTransformer)))
    {
        Description = description;
        Network = network;
        Training = training;
        network.Module.eval();
    }

    private static IHostEnvironment Checked(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        MlNetVersion.EnsureSupported();
        return env;
    }

    /// <summary>Architecture, class names, column names and view averaging.</summary>
    public VideoActionModelDescription Description { get; }

    /// <summary>Class names in key order.</summary>
    public IReadOnlyList<string> ClassNames => Description.ClassNames;

    /// <summary>What training reported (epochs, losses, accuracies, best epoch); null for a model loaded from a file.</summary>
    public TrainingResult? Training { get; }

    internal TrainedNetwork Network { get; }

    /// <summary>Mean measured model time per video over the predictions made so far (NaN before the first).</summary>
    public double MillisecondsPerVideo => _timer.MeanMilliseconds;

    /// <summary>Multiply-accumulates, in billions, of one view of the given geometry (counted once, then cached).</summary>
    public double GigaMacsPerView(ClipGeometry geometry)
    {
        var single = geometry with { Views = 1 };
        lock (_countLock)
        {
            if (!_gigaMacsPerView.TryGetValue(single, out double g))
                _gigaMacsPerView[single] = g = Network.GigaMacsPerView(single.InputShape(1));
            return g;
        }
    }

    /// <summary>Multiply-accumulates, in billions, of a whole video of the given geometry (every view counted).</summary>
    public double GigaMacsPerVideo(ClipGeometry geometry) => GigaMacsPerView(geometry) * geometry.Views;

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose() => Network.Dispose();

    // *** Binary format ***
    // Model.key header: VersionInfo below.
    // Architecture.json: VideoActionModelDescription as UTF-8 JSON (int32 length, bytes).
    // Weights.safetensors: the network's state dict in safetensors layout, PyTorch key names.
    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVACTCL",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderAssemblyName: typeof(VideoActionTransformer).Assembly.FullName,
        loaderSignature: LoaderSignature);

    /// <inheritdoc />
    protected override void SaveModel(ModelSaveContext ctx)
    {
        Host.CheckValue(ctx, nameof(ctx));
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        ctx.SaveBinaryStream(DescriptionStream, w =>
        {
            byte[] json = Encoding.UTF8.GetBytes(Description.ToJson());
            w.Write(json.Length);
            w.Write(json);
        });
        ctx.SaveBinaryStream(WeightsStream, w => Network.SaveWeights(w.BaseStream));
    }

    /// <summary>Loader for <c>ml.Model.Load</c> (found through the LoadableClass attributes).</summary>
    internal static VideoActionTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        MlNetVersion.EnsureSupported();
        try
        {
            ctx.CheckAtModel(GetVersionInfo());
        }
        catch (FormatException e)
        {
            throw new VideoModelFormatException(
                $"The video action classifier in this model was written by a different MLVideo format ({e.Message}). " +
                "Load it with the MLVideo version that saved it, or a newer one.", e);
        }
        string where = $"model entry '{ctx.Directory}'";
        VideoActionModelDescription? description = null;
        if (!ctx.TryLoadBinaryStream(DescriptionStream, r =>
            {
                int length = r.ReadInt32();
                if (length <= 0 || length > 16 << 20) throw new VideoModelFormatException($"{where}/{DescriptionStream}: implausible length {length}.");
                byte[] json = r.ReadBytes(length);
                if (json.Length != length) throw new VideoModelFormatException($"{where}/{DescriptionStream}: truncated ({json.Length} of {length} bytes).");
                description = VideoActionModelDescription.FromJson(Encoding.UTF8.GetString(json), $"{where}/{DescriptionStream}");
            }))
            throw new VideoModelFormatException($"{where}: the stream '{DescriptionStream}' is missing.");
        TrainedNetwork? network = null;
        if (!ctx.TryLoadBinaryStream(WeightsStream, r => network = TrainedNetwork.Load(description!.Architecture, r.BaseStream, $"{where}/{WeightsStream}")))
            throw new VideoModelFormatException($"{where}: the weights stream '{WeightsStream}' is missing.");
        return new VideoActionTransformer(env, description!, network!, training: null);
    }

    /// <summary>Row-mapper loader (ML.NET asks for it when the transformer sits inside a scorer).</summary>
    internal static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    /// <inheritdoc />
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private string DescribeProtocol(ClipGeometry g) => string.Create(CultureInfo.InvariantCulture,
        $"{g.Views} view(s) x {g.Frames} frames, {g.Width}x{g.Height}, {(Description.ViewAveraging == ViewAveraging.Probabilities ? "probability" : "logit")} averaging");

    /// <summary>
    /// Probabilities of every view and of the whole row for one row of clip data. Runs the network once on all
    /// views (one batch), without gradients, inside a dispose scope.
    /// </summary>
    internal (float[] Row, float[] Views) Predict(ReadOnlySpan<float> row, ClipGeometry geometry)
    {
        int classes = ClassNames.Count;
        long start = Stopwatch.GetTimestamp();
        float[] perView, combined;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Tensor input = Network.Input(row, geometry.InputShape(geometry.Views));
            Tensor logits = Network.Forward(input).to(CPU).to_type(ScalarType.Float32);         // (V, K)
            Tensor probabilities = nn.functional.softmax(logits, 1);
            Tensor rowProbabilities = Description.ViewAveraging == ViewAveraging.Probabilities
                ? probabilities.mean([0])
                : nn.functional.softmax(logits.mean([0]), 0);
            perView = probabilities.contiguous().data<float>().ToArray();
            combined = rowProbabilities.contiguous().data<float>().ToArray();
        }
        _timer.Add(start);
        if (combined.Length != classes) throw new InvalidOperationException($"The network gave {combined.Length} scores for {classes} classes.");
        return (combined, perView);
    }

    private sealed class Mapper : MapperBase
    {
        private readonly VideoActionTransformer _owner;
        private readonly DataViewSchema.Column _features;
        private readonly ClipGeometry _geometry;

        public Mapper(VideoActionTransformer parent, DataViewSchema inputSchema)
            : base(parent.Host.Register(nameof(Mapper)), inputSchema, parent)
        {
            _owner = parent;
            string name = parent.Description.FeatureColumnName;
            _features = inputSchema.GetColumnOrNull(name) ?? throw SchemaErrors.Missing("feature", name);
            _geometry = ClipGeometry.FromColumn(_features, parent.Description.Architecture.NumSegments);
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
        {
            var d = _owner.Description;
            int classes = d.ClassNames.Length;
            var names = d.ClassNames.Select(n => n.AsMemory()).ToArray();
            ValueGetter<VBuffer<ReadOnlyMemory<char>>> classNames = (ref VBuffer<ReadOnlyMemory<char>> dst) =>
                new VBuffer<ReadOnlyMemory<char>>(classes, (ReadOnlyMemory<char>[])names.Clone()).CopyTo(ref dst);

            double gflops = _owner.GigaMacsPerVideo(_geometry);
            var timer = _owner._timer;
            string protocol = _owner.DescribeProtocol(_geometry);
            var score = new DataViewSchema.Annotations.Builder();
            score.Add(AnnotationUtils.Kinds.SlotNames, new VectorDataViewType(TextDataViewType.Instance, classes), classNames);
            score.Add(AnnotationUtils.Kinds.TrainingLabelValues, new VectorDataViewType(TextDataViewType.Instance, classes), classNames);
            AddScoreKind(score, AnnotationUtils.Const.ScoreValueKind.Score);
            score.Add(VideoScoreAnnotations.GflopsPerVideo, NumberDataViewType.Double, (ref double v) => v = gflops);
            score.Add(VideoScoreAnnotations.MillisecondsPerVideo, NumberDataViewType.Double, (ref double v) => v = timer.MeanMilliseconds);
            score.Add(VideoScoreAnnotations.TestProtocol, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = protocol.AsMemory());

            var predicted = new DataViewSchema.Annotations.Builder();
            predicted.Add(AnnotationUtils.Kinds.KeyValues, new VectorDataViewType(TextDataViewType.Instance, classes), classNames);
            AddScoreKind(predicted, AnnotationUtils.Const.ScoreValueKind.PredictedLabel);

            var views = new DataViewSchema.Annotations.Builder();
            views.Add(AnnotationUtils.Kinds.SlotNames, new VectorDataViewType(TextDataViewType.Instance, classes), classNames);
            return
            [
                new DataViewSchema.DetachedColumn(d.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, classes), score.ToAnnotations()),
                new DataViewSchema.DetachedColumn(d.PredictedLabelColumnName, new KeyDataViewType(typeof(uint), classes), predicted.ToAnnotations()),
                new DataViewSchema.DetachedColumn(ViewScoresColumnName, new VectorDataViewType(NumberDataViewType.Single, _geometry.Views, classes), views.ToAnnotations()),
            ];
        }

        private static void AddScoreKind(DataViewSchema.Annotations.Builder builder, string valueKind)
        {
            builder.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance,
                (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreColumnKind.MulticlassClassification.AsMemory());
            builder.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = valueKind.AsMemory());
            builder.Add(AnnotationUtils.Kinds.ScoreColumnSetId, AnnotationUtils.ScoreColumnSetIdType, (ref uint v) => v = 1);
        }

        public override Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer)
        {
            // One forward pass per row serves every output column: the getters share this cursor's cache.
            disposer = null;
            var getters = new Delegate[3];
            if (!activeOutput(0) && !activeOutput(1) && !activeOutput(2)) return getters; // the clip column is not even active then
            var cache = new RowCache(_owner, input, input.GetGetter<VBuffer<float>>(_features), _geometry);
            if (activeOutput(0))
                getters[0] = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => Write(cache.Get().Row, ref v));
            if (activeOutput(1))
                getters[1] = (ValueGetter<uint>)((ref uint v) => v = ArgMaxKey(cache.Get().Row));
            if (activeOutput(2))
                getters[2] = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => Write(cache.Get().Views, ref v));
            return getters;
        }

        protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action? disposer) =>
            throw new NotSupportedException("CreateGetters builds all getters together.");

        protected override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput) =>
            col => col == _features.Index && (activeOutput(0) || activeOutput(1) || activeOutput(2));

        protected override void SaveModel(ModelSaveContext ctx) => _owner.SaveModel(ctx);

        private static void Write(float[] values, ref VBuffer<float> destination)
        {
            var editor = VBufferEditor.Create(ref destination, values.Length);
            values.CopyTo(editor.Values);
            destination = editor.Commit();
        }

        private static uint ArgMaxKey(float[] p)
        {
            int best = 0;
            for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
            return (uint)(best + 1);
        }

        private sealed class RowCache(VideoActionTransformer parent, DataViewRow row, ValueGetter<VBuffer<float>> features, ClipGeometry geometry)
        {
            private long _position = -1;
            private VBuffer<float> _pixels;
            private (float[] Row, float[] Views) _result;

            public (float[] Row, float[] Views) Get()
            {
                if (_position == row.Position) return _result;
                features(ref _pixels);
                var values = _pixels.GetValues();
                if (values.Length != geometry.RowLength || !_pixels.IsDense)
                    throw new InvalidOperationException(
                        $"Column '{parent.Description.FeatureColumnName}', row {row.Position}: {values.Length} values, but its type promises {geometry.RowLength}.");
                _result = parent.Predict(values, geometry);
                _position = row.Position;
                return _result;
            }
        }
    }
}
