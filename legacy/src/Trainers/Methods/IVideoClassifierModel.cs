using MLVideo.Tensors;

namespace MLVideo.Trainers.Methods;

/// <summary>
/// A video classification network as the training loop sees it: clips in, one row of logits per clip out.
/// </summary>
public interface IVideoClassifierModel
{
    /// <summary>T, the frames (segments) per clip the model expects.</summary>
    int NumSegments { get; }

    /// <summary>Number of classes (columns of the logits).</summary>
    int NumClasses { get; }

    /// <summary>
    /// Logits (N, <see cref="NumClasses"/>) for N clips given as (N*T, C, H, W) (frames of a clip consecutive) or
    /// (N, C, T, H, W).
    /// </summary>
    Tensor Forward(Tensor input);
}
