using MLVideo.Trainers.Backbones;

namespace MLVideo.Trainers.Methods.Tsm;

/// <summary>
/// Inserts TSM into a backbone as the official <c>make_temporal_shift</c> does with <c>place = blockres</c>: the
/// shift is applied inside the residual branch only (the identity path sees the unshifted input), before
/// <c>conv1</c> of every ResNet block (every 2nd block for stages of 23+ blocks, which none of ours have), and before
/// <c>conv.0</c> of every MobileNetV2 block that has a residual connection.
/// </summary>
public static class TemporalShiftInsertion
{
    /// <summary>Wraps the layers in place; keys become e.g. <c>layer1.0.conv1.net.weight</c>.</summary>
    /// <returns>The number of shift modules inserted.</returns>
    /// <exception cref="NotSupportedException">The backbone kind is not supported.</exception>
    public static int Apply(ImageBackbone backbone, int numSegments, int foldDiv = 8)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        int count = 0;
        switch (backbone)
        {
            case ResNet resnet:
                foreach (var block in resnet.Blocks)
                {
                    block.WrapConv1(conv1 => new TemporalShift(conv1, numSegments, foldDiv));
                    count++;
                }
                break;
            case MobileNetV2 mobile:
                foreach (var block in mobile.Features.Children().OfType<InvertedResidual>())
                {
                    if (!block.UsesResidual) continue;
                    block.Conv.ReplaceModule("0", new TemporalShift(block.Conv[0], numSegments, foldDiv));
                    count++;
                }
                break;
            default:
                throw new NotSupportedException($"TSM: no insertion rule for backbone {backbone.GetType().Name}.");
        }
        return count;
    }
}
