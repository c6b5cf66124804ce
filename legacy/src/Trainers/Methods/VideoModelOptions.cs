using MLVideo.Trainers.Backbones;

namespace MLVideo.Trainers.Methods;

/// <summary>Everything needed to build a TSN, TSM or GSF model (see <see cref="VideoModelFactory"/>).</summary>
public sealed class VideoModelOptions
{
    /// <summary>The temporal method. Default <see cref="VideoMethod.Tsn"/>.</summary>
    public VideoMethod Method { get; set; } = VideoMethod.Tsn;

    /// <summary>The per-frame backbone. Default <see cref="Backbones.Backbone.ResNet50"/>.</summary>
    public Backbone Backbone { get; set; } = Backbone.ResNet50;

    /// <summary>Channel multiplier of the backbone (1 = torchvision widths). Default 1.</summary>
    public double WidthMultiplier { get; set; } = 1.0;

    /// <summary>Number of classes. Default 400.</summary>
    public int NumClasses { get; set; } = 400;

    /// <summary>T, frames (segments) per clip. Default 8.</summary>
    public int NumSegments { get; set; } = 8;

    /// <summary>Dropout before <c>new_fc</c>. Default 0.5 (official recipes).</summary>
    public float Dropout { get; set; } = 0.5f;

    /// <summary>TSM: 1/ShiftDiv of the channels shift each way. Default 8.</summary>
    public int ShiftDiv { get; set; } = 8;

    /// <summary>GSF: percentage of each block's channels that are gated (official <c>gsf_ch_ratio</c>). Default 100.</summary>
    public double GsfChannelRatio { get; set; } = 100;

    /// <summary>Seed of the random initialisation. Default 0.</summary>
    public ulong Seed { get; set; }
}
