namespace MLVideo;

/// <summary>The sampling schemes of <see cref="FrameSampling"/>.</summary>
public enum FrameSamplingKind
{
    /// <summary>TSN segments: the video is cut into N equal segments and one short snippet is taken from each (mmaction2 SampleFrames with clip_len=1).</summary>
    Segments,
    /// <summary>Dense clips: K clips of L consecutive frames every I frames (mmaction2 SampleFrames with clip_len=L, frame_interval=I, num_clips=K).</summary>
    Dense,
    /// <summary>Uniform: L frames, one per equal segment, over the whole video (mmaction2 UniformSample).</summary>
    Uniform,
}
