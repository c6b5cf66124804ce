using static TorchSharp.torch;

namespace MLVideo.Trainers.Complexity;

/// <summary>
/// A module that does multiply-accumulate work outside conv and linear layers (a matrix product in its forward, a
/// sliced weight) and counts it itself, so <see cref="MacCounter"/> sees it. Its conv/linear children are still
/// counted by the counter; report only the rest.
/// </summary>
public interface ICountsOwnMacs
{
    /// <summary>MACs of one forward call, excluding those of conv/linear children.</summary>
    /// <param name="input">The input of the call.</param>
    /// <param name="output">Its output.</param>
    long CountMacs(Tensor input, Tensor output);
}
