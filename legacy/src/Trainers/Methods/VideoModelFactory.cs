using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Methods.Tsm;

namespace MLVideo.Trainers.Methods;

/// <summary>Builds TSN, TSM and GSF models from <see cref="VideoModelOptions"/>.</summary>
public static class VideoModelFactory
{
    /// <summary>Creates the model described by <paramref name="options"/>, randomly initialised from its seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The method is not defined for the backbone (GSF on MobileNetV2).</exception>
    public static VideoClassifier Create(VideoModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Method)) throw new ArgumentOutOfRangeException(nameof(options), options.Method, "VideoModelOptions.Method is not a known method.");
        if (options.NumSegments <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.NumSegments, "VideoModelOptions.NumSegments must be positive.");
        var generator = new Generator(options.Seed);
        var backbone = CreateBackbone(options.Backbone, options.WidthMultiplier, generator);
        switch (options.Method)
        {
            case VideoMethod.Tsm:
                TemporalShiftInsertion.Apply(backbone, options.NumSegments, options.ShiftDiv);
                break;
            case VideoMethod.Gsf:
                GsfInsertion.Apply(backbone, options.NumSegments, options.GsfChannelRatio, generator);
                break;
        }
        return new VideoClassifier(backbone, options.NumClasses, options.NumSegments, options.Dropout, options.Method, generator);
    }

    /// <summary>A per-frame backbone without classifier, torchvision-initialised from <paramref name="generator"/>.</summary>
    public static ImageBackbone CreateBackbone(Backbone backbone, double widthMultiplier = 1.0, Generator? generator = null) => backbone switch
    {
        Backbone.ResNet18 => ResNet.ResNet18(widthMultiplier: widthMultiplier, includeTop: false, generator: generator),
        Backbone.ResNet34 => ResNet.ResNet34(widthMultiplier: widthMultiplier, includeTop: false, generator: generator),
        Backbone.ResNet50 => ResNet.ResNet50(widthMultiplier: widthMultiplier, includeTop: false, generator: generator),
        Backbone.MobileNetV2 => new MobileNetV2(widthMultiplier: widthMultiplier, includeTop: false, generator: generator),
        _ => throw new ArgumentOutOfRangeException(nameof(backbone), backbone, "Unknown backbone."),
    };
}
