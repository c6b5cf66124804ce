using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Throughput;

[assembly: LoadableClass(typeof(SampleFramesTransformer), null, typeof(SignatureLoadModel),
    SampleFramesTransformer.UserName, SampleFramesTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(SampleFramesTransformer), null, typeof(SignatureLoadRowMapper),
    SampleFramesTransformer.UserName, SampleFramesTransformer.LoaderSignature)]

namespace MLVideo.Transforms;

/// <summary>
/// Samples frame indices from a Video column (mmaction2 semantics, see <see cref="FrameSampling"/>), decodes only those frames
/// (optionally resized inside ffmpeg, optionally through a frame cache) and outputs a Clip column plus the chosen indices.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Trains</term><description>No</description></item>
/// <item><term>Input</term><description><see cref="VideoDataViewType"/></description></item>
/// <item><term>Outputs</term><description><see cref="ClipDataViewType"/> (views x frames per view), and Vector&lt;Int32&gt; of the 0-based source frame indices</description></item>
/// </list>
/// Training mode draws new offsets on every pass (epoch) from the seed, the row position and the pass number; test mode is
/// deterministic (segment centres). Each row is decoded once, however many outputs and downstream steps read it.
/// </remarks>
public sealed class SampleFramesTransformer : VideoTransformerBase
{
    internal const string UserName = "MLVideo Sample Frames";
    internal const string LoaderSignature = "MLVideoSampleFrames";

    private readonly CachedVideoDecoder? _cached;

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "MLVSAMPL",
        verWrittenCur: 0x00010001, // Initial
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(SampleFramesTransformer).Assembly.FullName);

    internal SampleFramesTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, FrameSampling sampling, bool testMode,
        int decodeShortSide, int minimumFrames, IFrameCache? cache, string? frameIndicesColumnName, VideoBackendOptions options, int seed)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(SampleFramesTransformer)), outputColumnName, inputColumnName, seed)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(options);
        if (decodeShortSide < 0) throw new ArgumentOutOfRangeException(nameof(decodeShortSide), $"decodeShortSide must be >= 0 (0: native size), got {decodeShortSide}.");
        if (minimumFrames < 1) throw new ArgumentOutOfRangeException(nameof(minimumFrames), $"minimumFrames must be >= 1, got {minimumFrames}.");
        Sampling = sampling;
        TestMode = testMode;
        DecodeShortSide = decodeShortSide;
        MinimumFrames = minimumFrames;
        Cache = cache;
        FrameIndicesColumnName = string.IsNullOrEmpty(frameIndicesColumnName) ? outputColumnName + "FrameIndices" : frameIndicesColumnName;
        Options = options;
        Backend = new VideoBackend(options);
        _cached = cache is null ? null : new CachedVideoDecoder(Backend, cache, decodeShortSide);
    }

    /// <summary>The sampling scheme.</summary>
    public FrameSampling Sampling { get; }

    /// <summary>True: deterministic test-mode sampling (segment centres); false: random training offsets.</summary>
    public bool TestMode { get; }

    /// <summary>Short side the frames are decoded at (resized inside ffmpeg); 0 keeps the native size.</summary>
    public int DecodeShortSide { get; }

    /// <summary>Videos with fewer frames throw <see cref="InvalidVideoException"/> (<see cref="InvalidVideoReason.TooFewFrames"/>).</summary>
    public int MinimumFrames { get; }

    /// <summary>Optional cache of decoded frames at <see cref="DecodeShortSide"/> (a run-time resource: not saved with the model).</summary>
    public IFrameCache? Cache { get; }

    /// <summary>Name of the output column with the chosen frame indices.</summary>
    public string FrameIndicesColumnName { get; }

    /// <summary>Decoding options (saved with the model; program paths are not).</summary>
    public VideoBackendOptions Options { get; }

    internal VideoBackend Backend { get; }

    /// <summary>The same transformer in test mode (deterministic indices), for evaluation.</summary>
    public SampleFramesTransformer ForEvaluation() => TestMode ? this
        : new(Host, OutputColumnName, InputColumnName, Sampling, true, DecodeShortSide, MinimumFrames, Cache, FrameIndicesColumnName, Options, Seed);

    private ClipDataViewType ClipType => new(Sampling.Views, Sampling.FramesPerView);

    private protected override VersionInfo VersionInfo => GetVersionInfo();

    // *** Binary format ***
    // <common: output, input, seed>
    // string: frame indices column
    // byte: sampling kind; int: clip length; int: frame interval; int: clip count; byte: out-of-range handling
    // bool: test mode
    // int: decode short side (0: native)
    // int: minimum frames
    // <decoding options>
    private protected override void SaveFields(ModelSaveContext ctx)
    {
        ctx.SaveNonEmptyString(FrameIndicesColumnName);
        ctx.Writer.Write((byte)Sampling.Kind);
        ctx.Writer.Write(Sampling.ClipLength);
        ctx.Writer.Write(Sampling.FrameInterval);
        ctx.Writer.Write(Sampling.ClipCount);
        ctx.Writer.Write((byte)Sampling.OutOfRange);
        ctx.Writer.Write(TestMode);
        ctx.Writer.Write(DecodeShortSide);
        ctx.Writer.Write(MinimumFrames);
        VideoBackendOptionsFormat.Save(ctx, Options);
    }

    // Factory method for SignatureLoadModel.
    private static SampleFramesTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        var (output, input, seed) = LoadCommon(env, ctx, GetVersionInfo(), "SampleFrames");
        string indices = ctx.LoadNonEmptyString();
        var kind = (FrameSamplingKind)ctx.Reader.ReadByte();
        int clipLength = ctx.Reader.ReadInt32(), interval = ctx.Reader.ReadInt32(), clips = ctx.Reader.ReadInt32();
        var outOfRange = (OutOfRangeFrames)ctx.Reader.ReadByte();
        bool testMode = ctx.Reader.ReadBoolean();
        int shortSide = ctx.Reader.ReadInt32(), minimum = ctx.Reader.ReadInt32();
        VideoBackendOptions options = VideoBackendOptionsFormat.Load(ctx, "SampleFrames");
        FrameSampling sampling;
        try
        {
            sampling = FrameSampling.Create(kind, clipLength, interval, clips, outOfRange);
            return new SampleFramesTransformer(env, output, input, sampling, testMode, shortSide, minimum, null, indices, options, seed);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The model's SampleFrames step holds invalid options: {e.Message}", e);
        }
    }

    // Factory method for SignatureLoadRowMapper.
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema) =>
        Create(env, ctx).MakeRowMapper(inputSchema);

    internal override SchemaShape PropagateSchema(SchemaShape inputSchema)
    {
        RequireInput(inputSchema, InputColumnName, c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is VideoDataViewType, "Video");
        return WithColumns(inputSchema, Scalar(OutputColumnName, ClipType),
            new SchemaShape.Column(FrameIndicesColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Int32, false));
    }

    /// <summary>The row mapper that samples and decodes each row's frames when a cursor reads the Clip or indices column.</summary>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private int[] SampleIndices(VideoInfo video, Random random)
    {
        if (video.FrameCount < MinimumFrames)
            throw new InvalidVideoException(video.Path, InvalidVideoReason.TooFewFrames, $"{video.FrameCount} frames, at least {MinimumFrames} required");
        return Sampling.Sample(video.FrameCount, TestMode, random);
    }

    private FrameStack Decode(VideoInfo video, int[] indices)
    {
        if (_cached is not null) return _cached.ReadFrames(video, indices);
        FrameSize? size = DecodeShortSide > 0 ? video.Size.WithShortSide(DecodeShortSide) : null;
        return Backend.ReadFrames(video, indices, size);
    }

    private sealed class Mapper : VideoMapper
    {
        private const int VideoSlot = 0, IndicesSlot = 1, ClipSlot = 2;
        private static readonly Random TestModeRandom = new(0); // test mode draws nothing
        private readonly SampleFramesTransformer _owner;
        private readonly DataViewSchema.Column _input;

        public Mapper(SampleFramesTransformer owner, DataViewSchema schema)
            : this(owner, schema, owner.RequireInput(schema, owner.InputColumnName, t => t is VideoDataViewType, "Video"))
        {
        }

        private Mapper(SampleFramesTransformer owner, DataViewSchema schema, DataViewSchema.Column input) : base(owner, schema, input)
        {
            _owner = owner;
            _input = input;
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
        [
            new DataViewSchema.DetachedColumn(_owner.OutputColumnName, _owner.ClipType),
            new DataViewSchema.DetachedColumn(_owner.FrameIndicesColumnName, new VectorDataViewType(NumberDataViewType.Int32, _owner.Sampling.IndexCount)),
        ];

        protected override Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state)
        {
            var video = input.GetGetter<VideoInfo>(_input);
            VideoInfo Video() => state.Get(input.Position, VideoSlot, () =>
            {
                VideoInfo value = null!;
                video(ref value);
                return value;
            });
            // Both outputs of a cursor share its state: the indices and the clip agree, and the row is decoded once.
            int[] Indices() => state.Get(input.Position, IndicesSlot, () => _owner.SampleIndices(Video(), _owner.TestMode ? TestModeRandom : state.Random()));
            if (outputIndex == 1)
            {
                ValueGetter<VBuffer<int>> indices = (ref VBuffer<int> value) =>
                {
                    int[] chosen = Indices();
                    var editor = VBufferEditor.Create(ref value, chosen.Length);
                    chosen.CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return indices;
            }
            ValueGetter<VideoClip> clip = (ref VideoClip value) =>
                value = state.Get(input.Position, ClipSlot, () =>
                    new VideoClip(Video(), _owner.Decode(Video(), Indices()), _owner.Sampling.FramesPerView));
            return clip;
        }
    }
}
