namespace MLVideo;

/// <summary>What to do with sampled indices past the last frame (a clip longer than the video).</summary>
public enum OutOfRangeFrames
{
    /// <summary>Wrap around to the start (index mod frame count). mmaction2's default "loop".</summary>
    Loop,
    /// <summary>Repeat the clip's last valid frame. mmaction2's "repeat_last".</summary>
    RepeatLast,
}
