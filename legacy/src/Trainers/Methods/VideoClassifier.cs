using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Trainers.Backbones;

namespace MLVideo.Trainers.Methods;

/// <summary>
/// The TSN-style video model shared by TSN, TSM and GSF (Wang et al., "Temporal Segment Networks", ECCV 2016, as
/// re-implemented by the official TSM and GSF code): the 2-D backbone runs on each of the T frames, its classifier
/// replaced by dropout; <c>new_fc</c> gives per-frame logits; the average over the T frames is the clip's logits.
/// State-dict names are the official ones: <c>base_model.*</c> (e.g. <c>base_model.layer1.0.conv1.weight</c>) and
/// <c>new_fc.weight</c>/<c>new_fc.bias</c>.
/// </summary>
public sealed class VideoClassifier : Module, IVideoClassifierModel
{
    private readonly Linear _newFc;

    /// <summary>Wraps <paramref name="backbone"/>; its classifier (if any) is replaced by <c>Dropout(dropout)</c>.</summary>
    /// <param name="backbone">The per-frame network (already modified by the temporal method, if any).</param>
    /// <param name="numClasses">Number of classes.</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="dropout">Dropout before <c>new_fc</c> (official default 0.5; 0 disables it).</param>
    /// <param name="method">The temporal method the backbone carries (informational).</param>
    /// <param name="generator">Random source of <c>new_fc</c>'s N(0, 0.001) init and of dropout, or the default generator.</param>
    public VideoClassifier(ImageBackbone backbone, int numClasses, int numSegments, float dropout = 0.5f, VideoMethod method = VideoMethod.Tsn, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "VideoClassifier: numClasses must be positive.");
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "VideoClassifier: numSegments must be positive.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "VideoClassifier: dropout must be in [0, 1).");
        NumClasses = numClasses;
        NumSegments = numSegments;
        Method = method;

        backbone.SetHead(new Dropout(dropout, generator));
        BaseModel = RegisterModule("base_model", backbone);
        _newFc = RegisterModule("new_fc", new Linear(backbone.FeatureDim, numClasses, generator: generator));
        // Official TSN/TSM/GSF: normal_(new_fc.weight, 0, 0.001), constant_(new_fc.bias, 0).
        Init.Normal(_newFc.Weight, 0, 0.001, generator);
        Init.Zeros(_newFc.Bias!);
    }

    /// <inheritdoc/>
    public int NumSegments { get; }

    /// <inheritdoc/>
    public int NumClasses { get; }

    /// <summary>The temporal method built into the backbone.</summary>
    public VideoMethod Method { get; }

    /// <summary>The per-frame backbone (<c>base_model</c>).</summary>
    public ImageBackbone BaseModel { get; }

    /// <summary>The new classifier (<c>new_fc</c>).</summary>
    public Linear NewFc => _newFc;

    /// <summary>
    /// (N*T, C, H, W) or (N, C, T, H, W) -> logits (N, classes): per-frame backbone, dropout, <c>new_fc</c>, mean
    /// over the T frames (average consensus).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The input is not 4-D/5-D, or its frame count is not a multiple of T.</exception>
    public override Tensor Forward(Tensor input)
    {
        var frames = ToFrames(input);                                 // (N*T, C, H, W)
        int clips = frames.Size(0) / NumSegments;
        var perFrame = _newFc.Forward(BaseModel.Forward(frames));     // (N*T, K)
        return perFrame.Reshape(clips, NumSegments, NumClasses).Mean([1]);   // (N, T, K) -> (N, K)
    }

    /// <summary>Folds a (N, C, T, H, W) clip batch into (N*T, C, H, W) frames; checks a 4-D input's frame count.</summary>
    internal Tensor ToFrames(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 5)
        {
            if (input.Size(2) != NumSegments)
                throw new ShapeMismatchException($"VideoClassifier: input {ShapeHelper.Format(input.Shape)} has T = {input.Size(2)} frames but the model expects {NumSegments}.");
            int n = input.Size(0), c = input.Size(1), h = input.Size(3), w = input.Size(4);
            return input.Permute(0, 2, 1, 3, 4).Reshape(n * NumSegments, c, h, w);   // (N, C, T, H, W) -> (N*T, C, H, W)
        }
        if (input.Rank != 4 || input.Size(0) % NumSegments != 0)
            throw new ShapeMismatchException($"VideoClassifier: expected (N*{NumSegments}, C, H, W) or (N, C, {NumSegments}, H, W), got {ShapeHelper.Format(input.Shape)}.");
        return input;
    }
}
