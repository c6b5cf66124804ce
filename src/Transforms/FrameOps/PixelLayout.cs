using MLVideo.Transforms.FrameOps;

namespace MLVideo;

/// <summary>Axis order of one view in the pixel tensor.</summary>
public enum PixelLayout
{
    /// <summary>(T, C, H, W): frames first, for 2D backbones that fold time into the batch (TSN, TSM, GSF).</summary>
    TCHW,
    /// <summary>(C, T, H, W): channels first, for 3D backbones (R3D, SlowFast-style).</summary>
    CTHW,
}
