namespace MLVideo.Transforms.Synthetic;

/// <summary>
/// The motions the synthetic generator can render. Each pair differs only in the direction of time,
/// so a model that ignores frame order (TSN's average consensus) cannot tell the pair apart.
/// </summary>
public enum SyntheticAction
{
    /// <summary>An object moving from right to left.</summary>
    MoveLeft,

    /// <summary>An object moving from left to right.</summary>
    MoveRight,

    /// <summary>An object moving from bottom to top.</summary>
    MoveUp,

    /// <summary>An object moving from top to bottom.</summary>
    MoveDown,

    /// <summary>A bar rotating clockwise.</summary>
    RotateClockwise,

    /// <summary>A bar rotating counter-clockwise.</summary>
    RotateCounterClockwise,

    /// <summary>An object growing.</summary>
    Grow,

    /// <summary>An object shrinking.</summary>
    Shrink,
}
