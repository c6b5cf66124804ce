using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods.Gsf;
using MLVideo.Trainers.Methods.Tsm;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods;

/// <summary>Builds a <see cref="VideoClassifier"/> from a <see cref="VideoModelSpec"/>.</summary>
public static class VideoModelFactory
{
    /// <summary>Creates the model described by <paramref name="spec"/> on <paramref name="device"/>, randomly initialised.</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="device">Where the parameters live (CPU or CUDA).</param>
    /// <param name="generator">Random source of the initialisation, or null for TorchSharp's default generator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="NotSupportedException">The method is not defined for the backbone (see <see cref="Supports"/>).</exception>
    public static VideoClassifier Create(VideoModelSpec spec, Device device, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(device);
        spec.Validate();
        if (!Supports(spec.Method, spec.Backbone))
            throw new NotSupportedException($"{spec.Method} is not defined for the {spec.Backbone} backbone: {WhyUnsupported(spec.Method, spec.Backbone)}");
        var backbone = CreateBackbone(spec, CreateInsertion(spec, generator), generator);
        var model = new VideoClassifier(spec, backbone, generator);
        return model.to(device);
    }

    /// <summary>True when <paramref name="method"/> has a placement rule in <paramref name="backbone"/>.</summary>
    public static bool Supports(VideoMethod method, VideoBackbone backbone) => WhyUnsupported(method, backbone) is null;

    private static string? WhyUnsupported(VideoMethod method, VideoBackbone backbone) => method switch
    {
        VideoMethod.Tsn => null,
        VideoMethod.Tsm when IsSpatioTemporal(backbone) => "the temporal shift is for 2-D per-frame backbones; a 3-D backbone already models time.",
        VideoMethod.Tsm => null,
        VideoMethod.Gsf when backbone is VideoBackbone.ResNet18 or VideoBackbone.ResNet34 or VideoBackbone.ResNet50 => null,
        VideoMethod.Gsf => "the official GSF code places its units in ResNet and Inception backbones only.",
        _ => "unknown method.",
    };

    /// <summary>True for the 3-D backbones (whole clips in (N, C, T, H, W)).</summary>
    public static bool IsSpatioTemporal(VideoBackbone backbone) => backbone is VideoBackbone.R3d18 or VideoBackbone.R3d50;

    // The method switch: each method is a placement rule that the backbone applies while it is built.
    private static IResidualBranchInsertion CreateInsertion(VideoModelSpec spec, Generator? generator) => spec.Method switch
    {
        VideoMethod.Tsn => NoInsertion.Instance,
        VideoMethod.Tsm => new TemporalShiftInsertion(spec.NumSegments, spec.ShiftDiv),
        VideoMethod.Gsf => new GsfInsertion(spec.NumSegments, spec.GsfChannelRatio, generator),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Method, "Unknown method."),
    };

    private static FeatureBackbone CreateBackbone(VideoModelSpec spec, IResidualBranchInsertion insertion, Generator? generator) => spec.Backbone switch
    {
        VideoBackbone.ResNet18 => new ResNet(ResNetVariant.ResNet18, null, spec.WidthMultiplier, insertion, spec.InputChannels, generator),
        VideoBackbone.ResNet34 => new ResNet(ResNetVariant.ResNet34, null, spec.WidthMultiplier, insertion, spec.InputChannels, generator),
        VideoBackbone.ResNet50 => new ResNet(ResNetVariant.ResNet50, null, spec.WidthMultiplier, insertion, spec.InputChannels, generator),
        VideoBackbone.MobileNetV2 => new MobileNetV2(null, spec.WidthMultiplier, insertion, spec.InputChannels, generator: generator),
        VideoBackbone.R3d18 => new VideoResNet(ResNetVariant.ResNet18, null, spec.WidthMultiplier, spec.InputChannels, generator),
        VideoBackbone.R3d50 => new VideoResNet(ResNetVariant.ResNet50, null, spec.WidthMultiplier, spec.InputChannels, generator),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Backbone, "Unknown backbone."),
    };
}
