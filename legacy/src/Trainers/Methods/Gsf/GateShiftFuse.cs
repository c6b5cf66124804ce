using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Methods.Gsf;

/// <summary>
/// Gate-Shift-Fuse (Sudhakaran, Escalera, Lanz, "Gate-Shift-Fuse for Video Action Recognition", TPAMI 45(9) 2023,
/// arXiv 2203.08897), checked against the official <c>gsf.py</c> of swathikirans/GSF @9d4d80e (docs/methods.md §3):
/// on the first P channels of an (N*T, C, H, W) feature map, a spatio-temporal gate splits each half of the
/// channels into a gated part, shifted one frame in time (first half towards the past, second half towards the
/// future), and a residual; a learned per-(channel, frame) weight fuses the two; the channels of each half are then
/// interleaved. The other C - P channels pass through unchanged. Output shape = input shape.
/// </summary>
/// <remarks>
/// Official parameter names: <c>conv3D</c> (Conv3d P->2, 3x3x3, groups 2), <c>bn</c> (BatchNorm3d(P), gate branch
/// only), <c>channel_conv1</c> and <c>channel_conv2</c> (Conv2d 2->1, 3x3 over the (channel, time) plane).
/// P = int(C * ratio / 100), plus one if odd; it must be divisible by 4 (the interleave views each half as 2 x P/4).
/// </remarks>
public sealed class GateShiftFuse : Module
{
    private readonly Conv3d _conv3D;
    private readonly BatchNorm3d _bn;
    private readonly Conv2d _channelConv1;
    private readonly Conv2d _channelConv2;

    /// <summary>Creates the unit with PyTorch's default initialisation of its convs (as the official code).</summary>
    /// <param name="channels">C, the channels of the feature map it is applied to (official <c>fPlane</c>).</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="channelRatio">Percentage of channels processed (official <c>gsf_ch_ratio</c>).</param>
    /// <param name="generator">Random source of the initialisation, or the default generator.</param>
    public GateShiftFuse(int channels, int numSegments, double channelRatio = 100, Generator? generator = null)
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

        _conv3D = RegisterModule("conv3D", new Conv3d(gated, 2, 3, padding: 1, groups: 2, bias: true, generator: generator));
        _bn = RegisterModule("bn", new BatchNorm3d(gated));
        _channelConv1 = RegisterModule("channel_conv1", new Conv2d(2, 1, 3, padding: 1, bias: true, generator: generator));
        _channelConv2 = RegisterModule("channel_conv2", new Conv2d(2, 1, 3, padding: 1, bias: true, generator: generator));
    }

    /// <summary>C, the channels of the input.</summary>
    public int Channels { get; }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>The percentage of channels processed.</summary>
    public double ChannelRatio { get; }

    /// <summary>P, the channels processed (the first P of the input).</summary>
    public int GatedChannels { get; }

    /// <summary>The fusion convs, exposed so a ResNet host can re-initialise them as the official constructor does.</summary>
    internal IEnumerable<Conv2d> FusionConvs => [_channelConv1, _channelConv2];

    /// <summary>(N*T, C, H, W) -> (N*T, C, H, W).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != Channels || input.Size(0) % NumSegments != 0)
            throw new ShapeMismatchException($"GateShiftFuse: expected an (N*{NumSegments}, {Channels}, H, W) input, got {ShapeHelper.Format(input.Shape)}.");
        int t = NumSegments, n = input.Size(0) / t, p = GatedChannels, h = input.Size(2), w = input.Size(3);
        int half = p / 2;

        // (N*T, P, H, W) -> (N, T, P, H, W) -> (N, P, T, H, W)
        var gatedIn = p == Channels ? input : input.Slice(1, 0, p);
        var x = gatedIn.Reshape(n, t, p, h, w).Permute(0, 2, 1, 3, 4);

        // Gate: one tanh map per channel half, from the batch-normalised input; it multiplies the RAW input.
        var gate = _conv3D.Forward(_bn.Forward(x).Relu()).Tanh();           // (N, 2, T, H, W)
        var x1 = x.Slice(1, 0, half);
        var x2 = x.Slice(1, half, p);
        var y1 = gate.Slice(1, 0, 1) * x1;
        var y2 = gate.Slice(1, 1, 2) * x2;
        var r1 = x1 - y1;
        var r2 = x2 - y2;

        // Shift: half 1 takes frame t+1 (zero at the last frame), half 2 takes frame t-1 (zero at the first).
        var shifted1 = ShiftTime(y1, towardsPast: true);
        var shifted2 = ShiftTime(y2, towardsPast: false);

        // Fuse, then interleave the channels of each half.
        var z1 = Interleave(Fuse(_channelConv1, shifted1, r1));
        var z2 = Interleave(Fuse(_channelConv2, shifted2, r2));

        // (N, P, T, H, W) -> (N, T, P, H, W) -> (N*T, P, H, W), then re-append the untouched channels.
        var fused = Tensor.Cat([z1, z2], 1).Permute(0, 2, 1, 3, 4).Reshape(n * t, p, h, w);
        return p == Channels ? fused : Tensor.Cat([fused, input.Slice(1, p, Channels)], 1);
    }

    /// <summary>P = int(C * ratio / 100), rounded up to even (official <c>fPlane * gsf_ch_ratio // 100</c>, +1 if odd).</summary>
    internal static int GatedChannelCount(int channels, double channelRatio)
    {
        int gated = (int)(channels * channelRatio / 100);
        return gated % 2 == 0 ? gated : gated + 1;
    }

    /// <summary>Shifts (N, C, T, H, W) by one frame along T with zero fill: out[t] = y[t+1] or out[t] = y[t-1].</summary>
    private static Tensor ShiftTime(Tensor y, bool towardsPast)
    {
        int frames = y.Size(2);
        // Pad pairs run from the last dim backwards: (W), (H), then (T before, T after).
        return towardsPast
            ? y.Slice(2, 1, frames).Pad([0, 0, 0, 0, 0, 1])
            : y.Slice(2, 0, frames - 1).Pad([0, 0, 0, 0, 1, 0]);
    }

    /// <summary>
    /// w = sigmoid(conv([mean_hw(shifted); mean_hw(residual)])) over the (channel, time) plane, then
    /// shifted * w + residual * (1 - w). Inputs (N, C/2, T, H, W).
    /// </summary>
    private static Tensor Fuse(Conv2d channelConv, Tensor shifted, Tensor residual)
    {
        var image = Tensor.Stack([shifted.Mean([3, 4]), residual.Mean([3, 4])], 1);   // (N, 2, C/2, T)
        var weight = channelConv.Forward(image).Sigmoid();                             // (N, 1, C/2, T)
        weight = weight.Reshape(weight.Size(0), weight.Size(2), weight.Size(3), 1, 1);  // (N, C/2, T, 1, 1)
        return shifted * weight + residual * (1f - weight);
    }

    /// <summary>Within a half, output channel 2a + s takes channel s * (C/4) + a: view (2, C/4), swap to (C/4, 2).</summary>
    private static Tensor Interleave(Tensor z)
    {
        int n = z.Size(0), c = z.Size(1), t = z.Size(2), h = z.Size(3), w = z.Size(4);
        return z.Reshape(n, 2, c / 2, t, h, w).Permute(0, 2, 1, 3, 4, 5).Reshape(n, c, t, h, w);
    }
}
