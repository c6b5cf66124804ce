using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Plain;

/// <summary>
/// One Gate-Shift-Fuse unit written plainly from docs/methods.md §3.1, with every channel gated (ratio 100): a tanh
/// gate from a grouped 3x3x3 conv of relu(bn(x)) splits each half of the channels into a gated part, shifted one frame
/// (first half from t+1, second from t-1), and a residual; a sigmoid weight per (channel, frame) from a 3x3 conv over
/// the spatial means fuses them; each half's channels are interleaved.
/// </summary>
public sealed class PlainGsfUnit : nn.Module<Tensor, Tensor>
{
    private readonly int segments;
    private readonly Conv3d conv3D;
    private readonly BatchNorm3d bn;
    private readonly Conv2d channel_conv1;
    private readonly Conv2d channel_conv2;

    /// <summary>Creates the unit for feature maps of <paramref name="channels"/> channels (a multiple of 4).</summary>
    public PlainGsfUnit(int channels, int segments) : base(nameof(PlainGsfUnit))
    {
        this.segments = segments;
        conv3D = nn.Conv3d(channels, 2, 3, padding: 1, groups: 2);
        bn = nn.BatchNorm3d(channels);
        channel_conv1 = nn.Conv2d(2, 1, 3, padding: 1);
        channel_conv2 = nn.Conv2d(2, 1, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>(N*T, C, H, W) -> (N*T, C, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        long nt = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3];
        long n = nt / segments;
        var x = input.view(n, segments, c, h, w).transpose(1, 2);          // (N, C, T, H, W)
        var gates = conv3D.call(nn.functional.relu(bn.call(x))).tanh().chunk(2, 1);
        var halves = x.chunk(2, 1);
        var first = GateShiftFuse(halves[0], gates[0], channel_conv1, fromNext: true);
        var second = GateShiftFuse(halves[1], gates[1], channel_conv2, fromNext: false);
        return torch.cat([first, second], 1).transpose(1, 2).reshape(nt, c, h, w);
    }

    private static Tensor GateShiftFuse(Tensor half, Tensor gate, Conv2d fuseConv, bool fromNext)
    {
        var gated = gate * half;
        var residual = half - gated;
        var shifted = ShiftOneFrame(gated, fromNext);
        var means = torch.stack([shifted.mean([3, 4]), residual.mean([3, 4])], 1);        // (N, 2, C/2, T)
        var weight = fuseConv.call(means).sigmoid().squeeze(1).unsqueeze(-1).unsqueeze(-1); // (N, C/2, T, 1, 1)
        var fused = residual + weight * (shifted - residual);                              // w * shifted + (1 - w) * residual
        long n = fused.shape[0], c = fused.shape[1], t = fused.shape[2], h = fused.shape[3], w = fused.shape[4];
        return fused.view(n, 2, c / 2, t, h, w).transpose(1, 2).reshape(n, c, t, h, w);     // channel 2b + a <- a * C/4 + b
    }

    private static Tensor ShiftOneFrame(Tensor y, bool fromNext)
    {
        long t = y.shape[2];
        var empty = torch.zeros_like(y.narrow(2, 0, 1));
        return fromNext ? torch.cat([y.narrow(2, 1, t - 1), empty], 2) : torch.cat([empty, y.narrow(2, 0, t - 1)], 2);
    }
}
