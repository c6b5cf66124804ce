using MLVideo.Trainers.Backbones;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods.Gsf;

/// <summary>
/// GSF's placement in a ResNet (official <c>backbones/resnetGSFModels.py</c>): one <see cref="GateShiftFuse"/> unit,
/// child <c>gsf</c>, in every residual block, between the branch's last conv and its last batch norm: after
/// <c>conv3</c>, before <c>bn3</c> in a Bottleneck; after <c>conv2</c>, before <c>bn2</c> in a BasicBlock (the same rule
/// for ResNet-18/34, which the official code does not build). The ResNet's init loop then re-initialises the unit's
/// two fusion convs with Kaiming fan-out, as the official constructor's loop does (it touches every Conv2d).
/// </summary>
public sealed class GsfInsertion : IResidualBranchInsertion
{
    /// <summary>The child name of each unit (official).</summary>
    public const string UnitKey = "gsf";

    private readonly Generator? _generator;

    /// <summary>Creates the placement rule.</summary>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="channelRatio">Percentage of each block's channels that are gated (official <c>gsf_ch_ratio</c>).</param>
    /// <param name="generator">Random source of the units' initialisation, or null for TorchSharp's default generator.</param>
    public GsfInsertion(int numSegments, double channelRatio, Generator? generator = null)
    {
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "GSF: numSegments must be positive.");
        if (!(channelRatio > 0 && channelRatio <= 100))
            throw new ArgumentOutOfRangeException(nameof(channelRatio), channelRatio, "GSF: channelRatio must be in (0, 100].");
        NumSegments = numSegments;
        ChannelRatio = channelRatio;
        _generator = generator;
    }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>Percentage of each block's channels that are gated.</summary>
    public double ChannelRatio { get; }

    /// <inheritdoc/>
    public nn.Module<Tensor, Tensor> WrapFirstConv(nn.Module<Tensor, Tensor> firstConv, int inChannels) => firstConv;

    /// <inheritdoc/>
    public (string Key, nn.Module<Tensor, Tensor> Module)? CreateAfterLastConv(int channels) =>
        (UnitKey, new GateShiftFuse(channels, NumSegments, ChannelRatio, _generator));
}
