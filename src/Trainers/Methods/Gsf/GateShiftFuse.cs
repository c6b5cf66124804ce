using MLVideo.Trainers.Native;
using MLVideo.Trainers.Backbones;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods.Gsf;

/// <summary>
/// Gate-Shift-Fuse (Sudhakaran, Escalera, Lanz, "Gate-Shift-Fuse for Video Action Recognition", TPAMI 45(9) 2023,
/// arXiv 2203.08897), checked against the official <c>gsf.py</c> of swathikirans/GSF @9d4d80e (docs methods.md §3):
/// on the first P channels of an (N*T, C, H, W) feature map, a spatio-temporal gate splits each half of the channels
/// into a gated part, shifted one frame in time, and a residual; a learned weight per (channel, frame) fuses the two;
/// the channels of each half are then interleaved. The other C - P channels pass through. Output shape = input shape.
/// </summary>
/// <remarks>
/// Official parameter names: <c>conv3D</c> (Conv3d P->2, 3x3x3, groups 2, the gate), <c>bn</c> (BatchNorm3d(P), on
/// the gate branch only: the gate multiplies the un-normalised input), <c>channel_conv1</c> and <c>channel_conv2</c>
/// (Conv2d 2->1, 3x3 over the (channel, time) plane). P = int(C * ratio / 100), plus one if odd; it must be divisible
/// by 4 because the interleave views each half as 2 x P/4.
/// </remarks>
public sealed class GateShiftFuse : KeyedModule
{
    private readonly Conv3d _conv3D;
    private readonly RaceFreeBatchNorm _bn;
    private readonly Conv2d _channelConv1;
    private readonly Conv2d _channelConv2;

    /// <summary>Creates the unit with PyTorch's default initialisation of its convs, as the official module.</summary>
    /// <param name="channels">C, the channels of the feature map it is applied to (official <c>fPlane</c>).</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="channelRatio">Percentage of the channels that are gated (official <c>gsf_ch_ratio</c>), in (0, 100].</param>
    /// <param name="generator">Random source of the initialisation, or null for TorchSharp's default generator.</param>
    public GateShiftFuse(int channels, int numSegments, double channelRatio = 100, Generator? generator = null) : base(nameof(GateShiftFuse))
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "GateShiftFuse: channels must be positive.");
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "GateShiftFuse: numSegments must be positive.");
        if (!(channelRatio > 0 && channelRatio <= 100))
            throw new ArgumentOutOfRangeException(nameof(channelRatio), channelRatio, "GateShiftFuse: channelRatio must be in (0, 100].");
        int gated = GatedChannelCount(channels, channelRatio);
        if (gated % 4 != 0 || gated > channels)
            throw new ArgumentException($"GateShiftFuse: {channelRatio}% of {channels} channels gives {gated} gated channels, which must be a multiple of 4 and at most {channels} (the interleave views each half as 2 x P/4).", nameof(channelRatio));
        Channels = channels;
        NumSegments = numSegments;
        ChannelRatio = channelRatio;
        GatedChannels = gated;

        _conv3D = Add("conv3D", nn.Conv3d(gated, 2, 3, padding: 1, groups: 2, bias: true));
        _bn = Add("bn", RaceFreeBatchNorm.ThreeD(gated));
        _channelConv1 = Add("channel_conv1", nn.Conv2d(2, 1, 3, padding: 1, bias: true));
        _channelConv2 = Add("channel_conv2", nn.Conv2d(2, 1, 3, padding: 1, bias: true));
        foreach (var conv in new Convolution[] { _conv3D, _channelConv1, _channelConv2 })
            TorchvisionInit.PyTorchDefault(conv.weight, conv.bias, generator);
    }

    /// <summary>C, the channels of the input.</summary>
    public int Channels { get; }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>The percentage of channels gated.</summary>
    public double ChannelRatio { get; }

    /// <summary>P, the channels processed (the first P of the input).</summary>
    public int GatedChannels { get; }

    /// <summary>(N*T, C, H, W) -> (N*T, C, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != Channels || input.shape[0] % NumSegments != 0)
            throw new ArgumentException($"GateShiftFuse: expected an (N*{NumSegments}, {Channels}, H, W) input, got ({string.Join(", ", input.shape)}).", nameof(input));
        long t = NumSegments, n = input.shape[0] / t, p = GatedChannels, h = input.shape[2], w = input.shape[3];
        long half = p / 2;

        var gatedIn = p == Channels ? input : input.narrow(1, 0, p);
        var x = gatedIn.reshape(n, t, p, h, w).permute(0, 2, 1, 3, 4);              // (N*T, P, H, W) -> (N, P, T, H, W)

        var gate = _conv3D.call(nn.functional.relu(_bn.call(x))).tanh();              // (N, 2, T, H, W)
        var x1 = x.narrow(1, 0, half);
        var x2 = x.narrow(1, half, half);
        var y1 = gate.narrow(1, 0, 1) * x1;                                           // one gate map per half
        var y2 = gate.narrow(1, 1, 1) * x2;
        var r1 = x1 - y1;
        var r2 = x2 - y2;

        var shifted1 = ShiftTime(y1, fromNextFrame: true);
        var shifted2 = ShiftTime(y2, fromNextFrame: false);

        var z1 = Interleave(Fuse(_channelConv1, shifted1, r1));
        var z2 = Interleave(Fuse(_channelConv2, shifted2, r2));

        var fused = torch.cat([z1, z2], 1).permute(0, 2, 1, 3, 4).reshape(n * t, p, h, w);   // (N, P, T, H, W) -> (N*T, P, H, W)
        return p == Channels ? fused : torch.cat([fused, input.narrow(1, p, Channels - p)], 1);
    }

    /// <summary>P = int(C * ratio / 100), plus one if odd (official <c>fPlane * gsf_ch_ratio / 100</c>).</summary>
    public static int GatedChannelCount(int channels, double channelRatio)
    {
        int gated = (int)(channels * channelRatio / 100);
        return gated % 2 == 0 ? gated : gated + 1;
    }

    /// <summary>(N, C, T, H, W) moved one frame along T with zero fill: out[t] = y[t+1], or out[t] = y[t-1].</summary>
    private static Tensor ShiftTime(Tensor y, bool fromNextFrame)
    {
        long frames = y.shape[2];
        // Pad pairs run from the last dim backwards: W, H, then (T before, T after).
        return fromNextFrame
            ? nn.functional.pad(y.narrow(2, 1, frames - 1), [0, 0, 0, 0, 0, 1])
            : nn.functional.pad(y.narrow(2, 0, frames - 1), [0, 0, 0, 0, 1, 0]);
    }

    /// <summary>
    /// w = sigmoid(conv([mean_hw(shifted); mean_hw(residual)])) over the (channel, time) plane, then
    /// shifted * w + residual * (1 - w). Inputs (N, C/2, T, H, W).
    /// </summary>
    private static Tensor Fuse(Conv2d channelConv, Tensor shifted, Tensor residual)
    {
        var image = torch.stack([shifted.mean([3, 4]), residual.mean([3, 4])], 1);    // (N, 2, C/2, T)
        var weight = channelConv.call(image).sigmoid();                                 // (N, 1, C/2, T)
        weight = weight.reshape(weight.shape[0], weight.shape[2], weight.shape[3], 1, 1); // (N, C/2, T, 1, 1)
        var complement = torch.ones_like(weight).sub_(weight);                          // 1 - w, without Scalar temporaries
        return (shifted * weight).add(residual * complement, NativeScalars.One);
    }

    /// <summary>Within a half, output channel 2a + s takes channel s * (C/4) + a: view (2, C/4), swap to (C/4, 2).</summary>
    private static Tensor Interleave(Tensor z)
    {
        long n = z.shape[0], c = z.shape[1], t = z.shape[2], h = z.shape[3], w = z.shape[4];
        return z.reshape(n, 2, c / 2, t, h, w).permute(0, 2, 1, 3, 4, 5).reshape(n, c, t, h, w);
    }
}
