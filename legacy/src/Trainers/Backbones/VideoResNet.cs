using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's 3-D ResNet-18 <c>r3d_18</c> (Tran et al., CVPR 2018; <c>torchvision.models.video.resnet</c>) with
/// its exact state-dict names: <c>stem.0</c> (conv 3x7x7, stride 1x2x2), <c>stem.1</c> (BN), <c>layer1</c>..<c>layer4</c>
/// of <see cref="VideoBasicBlock"/>, <c>avgpool</c>, <c>fc</c>. Input (N, 3, T, H, W); layers 2-4 halve T, H and W.
/// A width multiplier scales every channel count (64*m, 128*m, 256*m, 512*m).
/// </summary>
public sealed class VideoResNet : Module, IVideoClassifierModel
{
    private readonly LayerChain _stem;
    private readonly LayerChain[] _layers;
    private readonly AdaptiveAvgPool3d _avgpool;
    private readonly Linear? _fc;

    /// <summary>Builds R3D-18 with torchvision's initialisation.</summary>
    /// <param name="numClasses">Classifier outputs (torchvision: 400, Kinetics); ignored without a classifier.</param>
    /// <param name="widthMultiplier">Scales all channel counts (1 = torchvision).</param>
    /// <param name="includeTop">False builds a feature extractor without <c>fc</c> (output (N, <see cref="FeatureDim"/>)).</param>
    /// <param name="generator">Random source of the initialisation (seedable), or the default generator.</param>
    /// <param name="numSegments">Frames per clip when the input comes as (N*T, C, H, W) frames (torchvision's clips: 16).</param>
    public VideoResNet(int numClasses = 400, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null, int numSegments = 16)
    {
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "VideoResNet: numSegments must be positive.");
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "VideoResNet: widthMultiplier must be positive.");
        if (includeTop && numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "VideoResNet: numClasses must be positive.");

        int stem = ResNet.ScaledWidth(64, widthMultiplier);
        _stem = RegisterModule("stem", new LayerChain(
            new Conv3d(3, stem, (3, 7, 7), stride: (1, 2, 2), padding: (1, 3, 3), bias: false), new BatchNorm3d(stem), new ReLU()));
        _layers = new LayerChain[4];
        int inChannels = stem;
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = ResNet.ScaledWidth(64 << stage, widthMultiplier);
            int stride = stage == 0 ? 1 : 2;
            _layers[stage] = RegisterModule($"layer{stage + 1}", new LayerChain(
                new VideoBasicBlock(inChannels, planes, stride), new VideoBasicBlock(planes, planes)));
            inChannels = planes;
        }
        FeatureDim = inChannels;
        NumSegments = numSegments;
        NumClasses = includeTop ? numClasses : FeatureDim;
        _avgpool = RegisterModule("avgpool", new AdaptiveAvgPool3d(1));
        if (includeTop) _fc = RegisterModule("fc", new Linear(FeatureDim, numClasses, generator: generator));

        TorchvisionInit.Apply(this, generator, linearStd: 0.01);
    }

    /// <summary>R3D-18 (torchvision <c>r3d_18()</c> when <paramref name="widthMultiplier"/> is 1).</summary>
    public static VideoResNet R3d18(int numClasses = 400, double widthMultiplier = 1.0, bool includeTop = true, Generator? generator = null, int numSegments = 16) =>
        new(numClasses, widthMultiplier, includeTop, generator, numSegments);

    /// <inheritdoc/>
    public int NumSegments { get; }

    /// <summary>Columns of the output: the classes, or <see cref="FeatureDim"/> for a feature extractor.</summary>
    public int NumClasses { get; }

    /// <summary>Width of the pooled feature vector.</summary>
    public int FeatureDim { get; }

    /// <summary>
    /// (N, 3, T, H, W) -> (N, classes), or (N, <see cref="FeatureDim"/>) without a classifier. Frames given as
    /// (N*T, 3, H, W), T = <see cref="NumSegments"/>, are first unfolded to (N, 3, T, H, W).
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 4 && input.Size(0) % NumSegments == 0 && input.Size(1) == 3)
        {
            int n = input.Size(0) / NumSegments, h = input.Size(2), w = input.Size(3);
            input = input.Reshape(n, NumSegments, 3, h, w).Permute(0, 2, 1, 3, 4);   // (N*T, C, H, W) -> (N, C, T, H, W)
        }
        if (input.Rank != 5 || input.Size(1) != 3)
            throw new ShapeMismatchException($"VideoResNet: expected an (N, 3, T, H, W) input, got {ShapeHelper.Format(input.Shape)}.");
        var x = _stem.Forward(input);
        foreach (var layer in _layers) x = layer.Forward(x);
        x = _avgpool.Forward(x).Flatten(1);   // (N, C, 1, 1, 1) -> (N, C)
        return _fc is null ? x : _fc.Forward(x);
    }
}
