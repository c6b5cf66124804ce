using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>
/// The temporal modelling built into a video model. Later methods (SGS, AdaFuse, SFC, SDCOM) join this list and the
/// switch of <see cref="VideoModelFactory"/>.
/// </summary>
public enum VideoMethod
{
    /// <summary>
    /// Temporal Segment Network: the backbone as it is, average consensus of the per-frame logits (2-D backbones);
    /// with a 3-D backbone, the plain 3-D CNN.
    /// </summary>
    Tsn,

    /// <summary>Temporal Shift Module: residual shift of 1/ShiftDiv + 1/ShiftDiv channels before every block's first conv.</summary>
    Tsm,

    /// <summary>Gate-Shift-Fuse: one GSF unit after the last conv (before the last BN) of every residual block.</summary>
    Gsf,
}
