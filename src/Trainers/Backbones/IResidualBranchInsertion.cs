using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// What a temporal method builds into the residual branch of each block while a backbone is constructed (so no
/// module is mutated afterwards): a wrapper around the branch's first conv (TSM's residual shift, which turns
/// <c>conv1.weight</c> into <c>conv1.net.weight</c>) and/or a module between the branch's last conv and its last batch
/// norm (GSF, keys <c>gsf.*</c>). The identity path of the block never sees either.
/// </summary>
public interface IResidualBranchInsertion
{
    /// <summary>The module to use in place of the branch's first conv; <paramref name="firstConv"/> itself for none.</summary>
    /// <param name="firstConv">The conv (or conv-BN-activation group) that starts the branch.</param>
    /// <param name="inChannels">Channels entering it (the block input's channels).</param>
    nn.Module<Tensor, Tensor> WrapFirstConv(nn.Module<Tensor, Tensor> firstConv, int inChannels);

    /// <summary>
    /// The state-dict name and module to insert after the branch's last conv (it must keep the shape), or null for
    /// none. It is registered after all the block's own children, as the official GSF Bottleneck does.
    /// </summary>
    /// <param name="channels">Channels produced by the last conv.</param>
    (string Key, nn.Module<Tensor, Tensor> Module)? CreateAfterLastConv(int channels);
}
