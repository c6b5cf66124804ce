using MLVideo.Trainers.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods;

/// <summary>
/// A video classification network: clips (N, T, C, H, W) in, logits (N, K) out. With a 2-D backbone it is the
/// TSN-style model shared by TSN, TSM and GSF (Wang et al., "Temporal Segment Networks", ECCV 2016, as re-implemented
/// by the official TSM and GSF code): frames folded into the batch (N*T, C, H, W), the backbone (carrying the
/// temporal method), dropout, the classifier, then the average over the T segments (consensus). With a 3-D backbone
/// the clip is permuted to (N, C, T, H, W) and classified as a whole.
/// </summary>
/// <remarks>
/// State-dict layout (docs/models.md): the backbone's own torchvision keys at the top level (<c>conv1.weight</c>,
/// <c>layer1.0.conv1.net.weight</c>, <c>layer1.0.gsf.conv3D.weight</c>, <c>features.3.conv.0.0.weight</c>,
/// <c>stem.0.weight</c>, ...), then the classifier <c>fc.weight</c> / <c>fc.bias</c> for every backbone. An official
/// TSN/TSM/GSF checkpoint (<c>module.base_model.*</c>, <c>new_fc.*</c>) maps onto it by dropping the prefixes and
/// renaming <c>new_fc</c> to <c>fc</c> (see Weights.StateDictImporter).
/// </remarks>
public sealed class VideoClassifier : KeyedModule
{
    /// <summary>The state-dict name of the classification layer, for every backbone (<c>fc.weight</c>, <c>fc.bias</c>).</summary>
    public const string ClassifierKey = "fc";

    // Not a child: its children are registered here directly, so the keys carry no backbone prefix.
    private readonly FeatureBackbone _backbone;
    private readonly Dropout _dropout;
    private readonly Linear _fc;

    /// <summary>Wraps <paramref name="backbone"/> (built without its own classifier) and adds dropout and <c>fc</c>.</summary>
    /// <param name="spec">The architecture; its <see cref="VideoModelSpec.NumClasses"/>, <see cref="VideoModelSpec.NumSegments"/> and <see cref="VideoModelSpec.DropoutRatio"/> are used here.</param>
    /// <param name="backbone">The backbone, already carrying the temporal method.</param>
    /// <param name="generator">Random source of the classifier's init, or null for TorchSharp's default generator.</param>
    public VideoClassifier(VideoModelSpec spec, FeatureBackbone backbone, Generator? generator = null) : base(nameof(VideoClassifier))
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(backbone);
        spec.Validate();
        Spec = spec;
        _backbone = backbone;
        foreach (var (key, child) in backbone.named_children()) Add(key, child);
        _dropout = Add("dropout", nn.Dropout(spec.DropoutRatio));
        _fc = Add(ClassifierKey, nn.Linear(backbone.FeatureChannels, spec.NumClasses));
        // Official TSN/TSM/GSF: normal_(new_fc.weight, 0, 0.001), constant_(new_fc.bias, 0).
        using var noGrad = torch.no_grad();
        _fc.weight.normal_(0, 0.001, generator);
        nn.init.zeros_(_fc.bias!);
    }

    /// <summary>The architecture this model was built from.</summary>
    public VideoModelSpec Spec { get; }

    /// <summary>K, the columns of the logits.</summary>
    public int NumClasses => Spec.NumClasses;

    /// <summary>T, the frames per clip a 2-D model requires.</summary>
    public int NumSegments => Spec.NumSegments;

    /// <summary>True when the backbone is 3-D (whole clips), false when it runs per frame.</summary>
    public bool IsSpatioTemporal => _backbone.IsSpatioTemporal;

    /// <summary>The classification layer (<c>fc</c>).</summary>
    public Linear Classifier => _fc;

    /// <summary>Clips (N, T, C, H, W) -> logits (N, K).</summary>
    public override Tensor forward(Tensor clips)
    {
        CheckInput(clips);
        return IsSpatioTemporal ? ForwardClips(clips) : ForwardFrames(clips);
    }

    private Tensor ForwardFrames(Tensor clips)
    {
        long n = clips.shape[0], t = clips.shape[1];
        var frames = clips.reshape(n * t, clips.shape[2], clips.shape[3], clips.shape[4]);   // (N, T, C, H, W) -> (N*T, C, H, W)
        var perFrame = _fc.call(_dropout.call(_backbone.ExtractFeatures(frames)));         // (N*T, K)
        return perFrame.view(n, t, NumClasses).mean([1]);                                   // consensus: (N, T, K) -> (N, K)
    }

    private Tensor ForwardClips(Tensor clips)
    {
        var volume = clips.permute(0, 2, 1, 3, 4);                                          // (N, T, C, H, W) -> (N, C, T, H, W)
        return _fc.call(_dropout.call(_backbone.ExtractFeatures(volume)));                  // (N, K)
    }

    /// <summary>Disposes the children, then the backbone object that only held them.</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _backbone.Dispose();
    }

    private void CheckInput(Tensor clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        bool ok = clips.dim() == 5 && clips.shape[2] == _backbone.InputChannels && (IsSpatioTemporal || clips.shape[1] == NumSegments);
        if (!ok)
        {
            string t = IsSpatioTemporal ? "T" : NumSegments.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new ArgumentException($"VideoClassifier: expected clips of shape (N, {t}, {_backbone.InputChannels}, H, W), got ({string.Join(", ", clips.shape)}).", nameof(clips));
        }
    }
}
