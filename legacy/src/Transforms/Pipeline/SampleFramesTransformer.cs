using System.Runtime.CompilerServices;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>
/// Samples frame indices from a Video column (see <see cref="FrameSampling"/> for the exact semantics), decodes only those frames
/// (optionally resized inside ffmpeg, optionally through a frame cache), and outputs a Clip column plus the chosen indices.
/// </summary>
/// <remarks>Input: <see cref="VideoDataViewType"/>. Outputs: <see cref="ClipDataViewType"/> (views x frames per view) and
/// Vector&lt;Int32, N&gt; of 0-based source frame indices. Trains: no. Training mode draws new offsets every pass (epoch) from
/// the seed, row position and pass number; test mode is deterministic.</remarks>
public sealed class SampleFramesTransformer : VideoTransformerBase, IModelStep
{
    internal const string Kind = "SampleFrames";

    private readonly ConditionalWeakTable<DataViewRow, PassState> _passes = new();

    internal SampleFramesTransformer(string outputColumnName, string? inputColumnName, FrameSampling sampling, bool testMode, int decodeShortSide,
        IFrameCache? cache, string? frameIndicesColumnName, VideoBackend backend, int seed)
        : base(outputColumnName, inputColumnName ?? "Video", seed)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        if (decodeShortSide < 0) throw new ArgumentOutOfRangeException(nameof(decodeShortSide), "decodeShortSide must be >= 0 (0: native size).");
        Sampling = sampling;
        TestMode = testMode;
        DecodeShortSide = decodeShortSide;
        Cache = cache;
        FrameIndicesColumnName = string.IsNullOrEmpty(frameIndicesColumnName) ? outputColumnName + "FrameIndices" : frameIndicesColumnName;
        Backend = backend;
        _cached = cache is null ? null : new CachedVideoDecoder(backend, cache, decodeShortSide);
    }

    private readonly CachedVideoDecoder? _cached;

    /// <summary>The sampling scheme.</summary>
    public FrameSampling Sampling { get; }

    /// <summary>True: deterministic test-mode sampling (segment centres); false: random training offsets.</summary>
    public bool TestMode { get; }

    /// <summary>Short side the frames are decoded at (resized inside ffmpeg); 0 keeps the native size.</summary>
    public int DecodeShortSide { get; }

    /// <summary>Optional cache of decoded frames at <see cref="DecodeShortSide"/>.</summary>
    public IFrameCache? Cache { get; }

    /// <summary>Name of the output column with the chosen frame indices.</summary>
    public string FrameIndicesColumnName { get; }

    /// <summary>The decoding backend.</summary>
    public VideoBackend Backend { get; }

    /// <summary>The same transformer in test mode (deterministic), for evaluation.</summary>
    public SampleFramesTransformer ForEvaluation() => TestMode ? this
        : new(OutputColumnName, InputColumnName, Sampling, true, DecodeShortSide, Cache, FrameIndicesColumnName, Backend, Seed);

    /// <inheritdoc />
    public string StepKind => Kind;

    /// <inheritdoc />
    public int StepVersion => 1;

    /// <inheritdoc />
    public void SaveStep(ModelStepWriter writer) => writer.WriteOptions(new SavedOptions
    {
        OutputColumnName = OutputColumnName, InputColumnName = InputColumnName, FrameIndicesColumnName = FrameIndicesColumnName,
        Sampling = Sampling.Kind.ToString(), ClipLength = Sampling.ClipLength, FrameInterval = Sampling.FrameInterval, ClipCount = Sampling.ClipCount,
        OutOfRange = Sampling.OutOfRange.ToString(), TestMode = TestMode, DecodeShortSide = DecodeShortSide, Seed = Seed,
    });

    /// <summary>Rebuilds a saved step. The frame cache is a run-time resource and is not saved.</summary>
    internal static SampleFramesTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<SavedOptions>();
        if (string.IsNullOrEmpty(o.OutputColumnName) || string.IsNullOrEmpty(o.InputColumnName)
            || !Enum.TryParse(o.Sampling, out FrameSamplingKind kind) || !Enum.TryParse(o.OutOfRange, out OutOfRangeFrames outOfRange))
            throw new ModelFormatException($"{reader.Location}: SampleFrames options need column names and a known Sampling/OutOfRange.");
        FrameSampling sampling;
        try { sampling = FrameSampling.Create(kind, o.ClipLength, o.FrameInterval, o.ClipCount, outOfRange); }
        catch (ArgumentException e) { throw new ModelFormatException($"{reader.Location}: SampleFrames: {e.Message}"); }
        return new SampleFramesTransformer(o.OutputColumnName, o.InputColumnName, sampling, o.TestMode, Math.Max(0, o.DecodeShortSide), null,
            o.FrameIndicesColumnName, new VideoBackend(), o.Seed);
    }

    internal sealed class SavedOptions
    {
        public string OutputColumnName { get; set; } = "";
        public string InputColumnName { get; set; } = "";
        public string? FrameIndicesColumnName { get; set; }
        public string Sampling { get; set; } = "";
        public int ClipLength { get; set; }
        public int FrameInterval { get; set; }
        public int ClipCount { get; set; }
        public string OutOfRange { get; set; } = "";
        public bool TestMode { get; set; }
        public int DecodeShortSide { get; set; }
        public int Seed { get; set; }
    }

    private ClipDataViewType ClipType => new(Sampling.Views, Sampling.FramesPerView);

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.RequireColumn(InputColumnName, "input", c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is VideoDataViewType, "Video");
        return inputSchema.WithColumns(Scalar(OutputColumnName, ClipType),
            new SchemaShape.Column(FrameIndicesColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Int32, false));
    }

    /// <inheritdoc />
    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed class PassState
    {
        public Func<long, Random> Random = null!;
        public long Position = -1;
        public int[] Indices = [];
        public VideoClip? Clip;
    }

    private sealed class Mapper : RowMapper
    {
        private readonly SampleFramesTransformer _parent;
        private readonly DataViewSchema.Column _input;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(SampleFramesTransformer parent, DataViewSchema schema) : base(schema)
        {
            _parent = parent;
            _input = RequireInput(schema, parent.InputColumnName, t => t is VideoDataViewType, "Video");
            _outputs =
            [
                new DataViewSchema.DetachedColumn(parent.OutputColumnName, parent.ClipType),
                new DataViewSchema.DetachedColumn(parent.FrameIndicesColumnName, new VectorDataViewType(NumberDataViewType.Int32, parent.Sampling.IndexCount)),
            ];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_input];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            // Both outputs of one cursor share one state, so indices and clip agree and the pass counts once.
            PassState state = _parent._passes.GetValue(input, _ => new PassState { Random = _parent.NewPassRandom() });
            var video = input.GetGetter<VideoInfo>(_input);
            VideoInfo info = null!;
            void Indices()
            {
                if (state.Position == input.Position) return;
                video(ref info);
                state.Indices = _parent.Sampling.Sample(info.FrameCount, _parent.TestMode, state.Random(input.Position));
                state.Clip = null;
                state.Position = input.Position;
            }
            if (outputIndex == 1)
            {
                ValueGetter<VBuffer<int>> indices = (ref VBuffer<int> value) =>
                {
                    Indices();
                    var editor = VBufferEditor.Create(ref value, state.Indices.Length);
                    state.Indices.CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return indices;
            }
            ValueGetter<VideoClip> clip = (ref VideoClip value) =>
            {
                Indices();
                state.Clip ??= new VideoClip(info, Decode(info, state.Indices), _parent.Sampling.FramesPerView);
                value = state.Clip;
            };
            return clip;
        }

        private FrameStack Decode(VideoInfo info, int[] indices)
        {
            if (_parent._cached is not null) return _parent._cached.ReadFrames(info, indices);
            FrameSize? size = _parent.DecodeShortSide > 0 ? info.Size.WithShortSide(_parent.DecodeShortSide) : null;
            return _parent.Backend.ReadFrames(info, indices, size);
        }
    }
}
