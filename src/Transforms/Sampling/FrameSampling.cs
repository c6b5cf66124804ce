namespace MLVideo;

/// <summary>
/// Which frames of a video form the model input, with mmaction2's sampling semantics. Pure: the same frame count,
/// mode and random state always give the same indices.
/// </summary>
/// <remarks>
/// Every scheme returns <see cref="ClipCount"/> x <see cref="ClipLength"/> 0-based indices, clip-major.
/// <para><b>Segments / Dense</b> (mmaction2 <c>SampleFrames</c>; span = ClipLength x FrameInterval):</para>
/// <list type="bullet">
/// <item>Train: <c>avg = (frames - span + 1) div clips</c>. If avg &gt; 0, clip k starts at <c>k*avg + uniform[0, avg)</c>.
/// Else if frames &gt; max(clips, span), the starts are <c>clips</c> sorted uniform draws from [0, frames - span].
/// Else if avg == 0, start k is <c>round_half_even(k * (frames - span + 1) / clips)</c>; otherwise all starts are 0.</item>
/// <item>Test: <c>avg = (frames - span + 1) / clips</c> (real); if frames &gt; span - 1, start k is <c>floor(k*avg + avg/2)</c> (the segment
/// centre), otherwise 0.</item>
/// <item>Clip k holds <c>start_k + j*FrameInterval</c> for j &lt; ClipLength; indices &gt;= frames are wrapped (Loop) or replaced by
/// the clip's last in-range index (RepeatLast).</item>
/// </list>
/// <para><b>Uniform</b> (mmaction2 <c>UniformSample</c>): <c>seg = (frames - 1) / L</c>; segment i spans
/// <c>[round_half_even(seg*i), round_half_even(seg*(i+1))]</c>; train draws uniformly inside it (both ends included), test takes
/// <c>(start + end) div 2</c>. Each of the clips is drawn independently (identical in test mode).</para>
/// </remarks>
public sealed class FrameSampling
{
    private FrameSampling(FrameSamplingKind kind, int clipLength, int frameInterval, int clipCount, OutOfRangeFrames outOfRange)
    {
        if (clipLength <= 0) throw new ArgumentOutOfRangeException(nameof(clipLength), $"Clip length must be positive, got {clipLength}.");
        if (frameInterval <= 0) throw new ArgumentOutOfRangeException(nameof(frameInterval), $"Frame interval must be positive, got {frameInterval}.");
        if (clipCount <= 0) throw new ArgumentOutOfRangeException(nameof(clipCount), $"Clip count must be positive, got {clipCount}.");
        if (!Enum.IsDefined(outOfRange)) throw new ArgumentOutOfRangeException(nameof(outOfRange));
        Kind = kind;
        ClipLength = clipLength;
        FrameInterval = frameInterval;
        ClipCount = clipCount;
        OutOfRange = outOfRange;
    }

    /// <summary>Rebuilds a sampling from its saved parts (model files).</summary>
    internal static FrameSampling Create(FrameSamplingKind kind, int clipLength, int frameInterval, int clipCount, OutOfRangeFrames outOfRange) =>
        Enum.IsDefined(kind) ? new(kind, clipLength, frameInterval, clipCount, outOfRange) : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>TSN: <paramref name="segments"/> equal segments, one frame each (train: random frame in the segment; test: its centre).</summary>
    public static FrameSampling Segments(int segments, OutOfRangeFrames outOfRange = OutOfRangeFrames.Loop) =>
        new(FrameSamplingKind.Segments, 1, 1, segments, outOfRange);

    /// <summary>Dense clips of <paramref name="clipLength"/> frames taken every <paramref name="frameInterval"/> frames, <paramref name="clipCount"/> clips per video.</summary>
    public static FrameSampling Dense(int clipLength, int frameInterval = 1, int clipCount = 1, OutOfRangeFrames outOfRange = OutOfRangeFrames.Loop) =>
        new(FrameSamplingKind.Dense, clipLength, frameInterval, clipCount, outOfRange);

    /// <summary><paramref name="clipLength"/> frames spread uniformly over the whole video, <paramref name="clipCount"/> clips.</summary>
    public static FrameSampling Uniform(int clipLength, int clipCount = 1) =>
        new(FrameSamplingKind.Uniform, clipLength, 1, clipCount, OutOfRangeFrames.Loop);

    /// <summary>The scheme.</summary>
    public FrameSamplingKind Kind { get; }

    /// <summary>Frames per clip (1 for segments: each segment gives one frame).</summary>
    public int ClipLength { get; }

    /// <summary>Step between consecutive frames of a clip.</summary>
    public int FrameInterval { get; }

    /// <summary>Clips per video (segments for TSN).</summary>
    public int ClipCount { get; }

    /// <summary>Handling of indices past the last frame.</summary>
    public OutOfRangeFrames OutOfRange { get; }

    /// <summary>Total indices returned by <see cref="Sample"/>.</summary>
    public int IndexCount => ClipLength * ClipCount;

    /// <summary>
    /// Frames per model view: TSN's segments together form one view of <see cref="ClipCount"/> frames;
    /// dense and uniform clips are separate views of <see cref="ClipLength"/> frames.
    /// </summary>
    public int FramesPerView => Kind == FrameSamplingKind.Segments ? ClipCount : ClipLength;

    /// <summary>Temporal views per video (1 for segments; <see cref="ClipCount"/> otherwise).</summary>
    public int Views => Kind == FrameSamplingKind.Segments ? 1 : ClipCount;

    /// <summary>Returns the 0-based frame indices (clip-major) for a video of <paramref name="frameCount"/> frames.</summary>
    /// <param name="frameCount">Frames in the video (positive).</param>
    /// <param name="testMode">False: random offsets (training); true: deterministic centres (evaluation).</param>
    /// <param name="random">Random source for training mode (unused in test mode except Uniform clips, which do not use it either).</param>
    public int[] Sample(int frameCount, bool testMode, Random random)
    {
        if (frameCount <= 0) throw new ArgumentOutOfRangeException(nameof(frameCount), $"Cannot sample from a video with {frameCount} frames.");
        ArgumentNullException.ThrowIfNull(random);
        return Kind == FrameSamplingKind.Uniform ? SampleUniform(frameCount, testMode, random) : SampleClips(frameCount, testMode, random);
    }

    private int[] SampleClips(int frames, bool testMode, Random random)
    {
        int span = ClipLength * FrameInterval;
        int[] starts = testMode ? TestStarts(frames, span) : TrainStarts(frames, span, random);
        var indices = new int[IndexCount];
        for (int k = 0; k < ClipCount; k++)
        {
            Span<int> clip = indices.AsSpan(k * ClipLength, ClipLength);
            for (int j = 0; j < ClipLength; j++) clip[j] = starts[k] + j * FrameInterval;
            FixOutOfRange(clip, frames);
        }
        return indices;
    }

    private int[] TrainStarts(int frames, int span, Random random)
    {
        var starts = new int[ClipCount];
        int avg = (frames - span + 1) / ClipCount;
        if (frames - span + 1 > 0 && avg > 0)
        {
            for (int k = 0; k < ClipCount; k++) starts[k] = k * avg + random.Next(avg);
        }
        else if (frames > Math.Max(ClipCount, span))
        {
            for (int k = 0; k < ClipCount; k++) starts[k] = random.Next(frames - span + 1);
            Array.Sort(starts);
        }
        else if (frames - span + 1 >= 0 && avg == 0)
        {
            double ratio = (frames - span + 1.0) / ClipCount;
            for (int k = 0; k < ClipCount; k++) starts[k] = (int)Math.Round(k * ratio, MidpointRounding.ToEven);
        }
        return starts; // otherwise all zero
    }

    private int[] TestStarts(int frames, int span)
    {
        var starts = new int[ClipCount];
        if (frames > span - 1)
        {
            double avg = (frames - span + 1.0) / ClipCount;
            for (int k = 0; k < ClipCount; k++) starts[k] = (int)(k * avg + avg / 2.0);
        }
        return starts;
    }

    private void FixOutOfRange(Span<int> clip, int frames)
    {
        if (OutOfRange == OutOfRangeFrames.Loop)
        {
            for (int j = 0; j < clip.Length; j++) clip[j] %= frames;
            return;
        }
        int lastValid = 0;
        for (int j = 0; j < clip.Length; j++)
            if (clip[j] < frames) lastValid = Math.Max(lastValid, clip[j]);
        for (int j = 0; j < clip.Length; j++)
            if (clip[j] >= frames) clip[j] = lastValid;
    }

    private int[] SampleUniform(int frames, bool testMode, Random random)
    {
        var indices = new int[IndexCount];
        double seg = (frames - 1.0) / ClipLength;
        for (int k = 0; k < ClipCount; k++)
        {
            for (int i = 0; i < ClipLength; i++)
            {
                int start = (int)Math.Round(seg * i, MidpointRounding.ToEven);
                int end = (int)Math.Round(seg * (i + 1), MidpointRounding.ToEven);
                indices[k * ClipLength + i] = testMode ? (start + end) / 2 : start + random.Next(end - start + 1);
            }
        }
        return indices;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FrameSamplingKind.Segments => $"Segments({ClipCount})",
        FrameSamplingKind.Dense => $"Dense({ClipLength}x{FrameInterval}x{ClipCount}, {OutOfRange})",
        _ => $"Uniform({ClipLength}x{ClipCount})",
    };
}
