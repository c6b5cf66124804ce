using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Plain;

/// <summary>
/// TSM's shift written plainly, as the PyTorch reference does it: a zero tensor, the first eighth of the channels
/// copied from frame t+1, the next eighth from frame t-1, the rest unchanged.
/// </summary>
public static class PlainTemporalShift
{
    /// <summary>Shifts (N*T, C, H, W) frames along T (1/8 of the channels each way).</summary>
    public static Tensor Apply(Tensor frames, int segments, int foldDiv = 8)
    {
        long nt = frames.shape[0], c = frames.shape[1], h = frames.shape[2], w = frames.shape[3];
        long fold = c / foldDiv;
        var x = frames.view(nt / segments, segments, c, h, w);
        var output = torch.zeros_like(x);
        output.narrow(1, 0, segments - 1).narrow(2, 0, fold).copy_(x.narrow(1, 1, segments - 1).narrow(2, 0, fold));
        output.narrow(1, 1, segments - 1).narrow(2, fold, fold).copy_(x.narrow(1, 0, segments - 1).narrow(2, fold, fold));
        output.narrow(2, 2 * fold, c - 2 * fold).copy_(x.narrow(2, 2 * fold, c - 2 * fold));
        return output.view(nt, c, h, w);
    }
}
