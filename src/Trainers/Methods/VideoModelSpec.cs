namespace MLVideo.Trainers.Methods;

/// <summary>
/// Everything that determines a video model's architecture (and so its state-dict keys and shapes). A plain record
/// with settable properties, so it serialises as JSON beside the weights and a saved model can be rebuilt exactly.
/// </summary>
public sealed record VideoModelSpec
{
    /// <summary>The temporal method. Default <see cref="VideoMethod.Tsn"/>.</summary>
    public VideoMethod Method { get; init; } = VideoMethod.Tsn;

    /// <summary>The backbone. Default <see cref="VideoBackbone.ResNet50"/>.</summary>
    public VideoBackbone Backbone { get; init; } = VideoBackbone.ResNet50;

    /// <summary>Multiplier of the backbone's channel widths (1 = torchvision). Default 1.</summary>
    public double WidthMultiplier { get; init; } = 1.0;

    /// <summary>T, the frames (segments) of one clip. 2-D models require exactly T frames per clip. Default 8.</summary>
    public int NumSegments { get; init; } = 8;

    /// <summary>K, the number of classes (columns of the logits). Default 400.</summary>
    public int NumClasses { get; init; } = 400;

    /// <summary>Dropout before the classifier (official TSN/TSM/GSF recipes: 0.5; 0 disables it). Default 0.5.</summary>
    public double DropoutRatio { get; init; } = 0.5;

    /// <summary>TSM: 1/ShiftDiv of the channels shift each way (official <c>shift_div</c>). Default 8.</summary>
    public int ShiftDiv { get; init; } = 8;

    /// <summary>GSF: percentage of each block's channels that are gated (official <c>gsf_ch_ratio</c>), in (0, 100]. Default 100.</summary>
    public double GsfChannelRatio { get; init; } = 100;

    /// <summary>Channels of the input frames (3 for RGB). Default 3.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), Method, "VideoModelSpec.Method is not a known method.");
        if (!Enum.IsDefined(Backbone)) throw new ArgumentOutOfRangeException(nameof(Backbone), Backbone, "VideoModelSpec.Backbone is not a known backbone.");
        if (!(WidthMultiplier > 0) || double.IsInfinity(WidthMultiplier))
            throw new ArgumentOutOfRangeException(nameof(WidthMultiplier), WidthMultiplier, "VideoModelSpec.WidthMultiplier must be a finite positive number.");
        if (NumSegments <= 0) throw new ArgumentOutOfRangeException(nameof(NumSegments), NumSegments, "VideoModelSpec.NumSegments must be positive.");
        if (NumClasses <= 0) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "VideoModelSpec.NumClasses must be positive.");
        if (!(DropoutRatio >= 0 && DropoutRatio < 1)) throw new ArgumentOutOfRangeException(nameof(DropoutRatio), DropoutRatio, "VideoModelSpec.DropoutRatio must be in [0, 1).");
        if (ShiftDiv <= 0) throw new ArgumentOutOfRangeException(nameof(ShiftDiv), ShiftDiv, "VideoModelSpec.ShiftDiv must be positive.");
        if (!(GsfChannelRatio > 0 && GsfChannelRatio <= 100))
            throw new ArgumentOutOfRangeException(nameof(GsfChannelRatio), GsfChannelRatio, "VideoModelSpec.GsfChannelRatio must be in (0, 100].");
        if (InputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(InputChannels), InputChannels, "VideoModelSpec.InputChannels must be positive.");
    }
}
