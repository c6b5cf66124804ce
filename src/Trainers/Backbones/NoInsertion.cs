using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>The plain residual branch (TSN, torchvision): nothing wrapped, nothing inserted.</summary>
public sealed class NoInsertion : IResidualBranchInsertion
{
    private NoInsertion() { }

    /// <summary>The single instance.</summary>
    public static NoInsertion Instance { get; } = new();

    /// <inheritdoc/>
    public nn.Module<Tensor, Tensor> WrapFirstConv(nn.Module<Tensor, Tensor> firstConv, int inChannels) => firstConv;

    /// <inheritdoc/>
    public (string Key, nn.Module<Tensor, Tensor> Module)? CreateAfterLastConv(int channels) => null;
}
