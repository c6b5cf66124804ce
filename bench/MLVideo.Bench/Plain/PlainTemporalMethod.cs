namespace MLVideo.Bench.Plain;

/// <summary>What the plain ResNet-18 builds into each basic block's residual branch.</summary>
public enum PlainTemporalMethod
{
    /// <summary>Nothing (TSN).</summary>
    None,

    /// <summary>TSM's shift of the block input before conv1.</summary>
    Shift,

    /// <summary>A GSF unit after conv2, before bn2.</summary>
    Gsf,
}
