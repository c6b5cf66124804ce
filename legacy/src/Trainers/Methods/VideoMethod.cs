namespace MLVideo.Trainers.Methods;

/// <summary>The temporal modelling added to a per-frame 2-D backbone.</summary>
public enum VideoMethod
{
    /// <summary>Temporal Segment Network: no temporal modelling inside the backbone, average consensus of frame logits.</summary>
    Tsn,

    /// <summary>Temporal Shift Module: residual shift of 1/8 + 1/8 channels before <c>conv1</c> of every block.</summary>
    Tsm,

    /// <summary>Gate-Shift-Fuse: a GSF unit after the last conv (before the last BN) of every residual block.</summary>
    Gsf,
}
