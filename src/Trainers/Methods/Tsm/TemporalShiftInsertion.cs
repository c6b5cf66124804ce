using MLVideo.Trainers.Backbones;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods.Tsm;

/// <summary>
/// TSM's default "blockres" placement (official <c>make_temporal_shift</c>, <c>place = blockres</c>): the shift runs
/// inside every residual branch, before its first conv, so the identity path keeps the unshifted input. For ResNets
/// the first conv is <c>conv1</c> (key <c>layerK.J.conv1.net.weight</c>); for MobileNetV2 it is the expansion conv of
/// each block with a residual connection (<c>features.N.conv.0.net.0.weight</c>). The official code shifts only every
/// second block in stages of 23+ blocks (ResNet-101 and deeper), which none of our backbones have.
/// </summary>
public sealed class TemporalShiftInsertion : IResidualBranchInsertion
{
    /// <summary>Creates the placement rule.</summary>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="foldDiv">1/foldDiv of the channels shift each way (8 in every official recipe).</param>
    public TemporalShiftInsertion(int numSegments, int foldDiv)
    {
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "TSM: numSegments must be positive.");
        if (foldDiv <= 0) throw new ArgumentOutOfRangeException(nameof(foldDiv), foldDiv, "TSM: foldDiv must be positive.");
        NumSegments = numSegments;
        FoldDiv = foldDiv;
    }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>The divisor of the shifted channel fraction.</summary>
    public int FoldDiv { get; }

    /// <inheritdoc/>
    public nn.Module<Tensor, Tensor> WrapFirstConv(nn.Module<Tensor, Tensor> firstConv, int inChannels) =>
        new TemporalShift(firstConv, NumSegments, FoldDiv);

    /// <inheritdoc/>
    public (string Key, nn.Module<Tensor, Tensor> Module)? CreateAfterLastConv(int channels) => null;
}
