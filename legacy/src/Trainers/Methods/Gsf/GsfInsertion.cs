using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Trainers.Backbones;

namespace MLVideo.Trainers.Methods.Gsf;

/// <summary>
/// Inserts one <see cref="GateShiftFuse"/> unit, named <c>gsf</c>, into every residual block of a ResNet, between the
/// block's last conv and its last batch norm (official <c>backbones/resnetGSFModels.py</c>: after <c>conv3</c>,
/// before <c>bn3</c> of each Bottleneck; for a BasicBlock, after <c>conv2</c>, before <c>bn2</c>).
/// </summary>
public static class GsfInsertion
{
    /// <summary>Adds the units in place (keys <c>layerK.J.gsf.conv3D.weight</c>, ...).</summary>
    /// <param name="backbone">A ResNet.</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="channelRatio">Percentage of each block's channels that are gated.</param>
    /// <param name="generator">Random source of the units' initialisation.</param>
    /// <returns>The number of units inserted.</returns>
    /// <exception cref="NotSupportedException">The backbone is not a ResNet (the official code defines GSF placement for ResNet and Inception only).</exception>
    public static int Apply(ImageBackbone backbone, int numSegments, double channelRatio = 100, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (backbone is not ResNet resnet)
            throw new NotSupportedException($"GSF: no insertion rule for backbone {backbone.GetType().Name}; the official code places GSF in ResNet and BN-Inception/InceptionV3 only.");
        int count = 0;
        foreach (var block in resnet.Blocks)
        {
            var unit = new GateShiftFuse(block.LastConvChannels, numSegments, channelRatio, generator);
            // The official ResNet constructor's init loop runs after the units exist and re-initialises every
            // Conv2d, including the two fusion convs (not the Conv3d gate), with Kaiming-normal fan-out.
            foreach (var conv in unit.FusionConvs)
                Init.KaimingNormal(conv.Weight, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: generator);
            block.InsertAfterLastConv("gsf", unit);
            count++;
        }
        return count;
    }
}
