using MLVideo.Trainers.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Methods.Tsm;

/// <summary>
/// TSM's shift wrapper (Lin, Gan, Han, "TSM: Temporal Shift Module for Efficient Video Understanding", ICCV 2019,
/// arXiv 1811.08383; checked against the official <c>ops/temporal_shift.py</c> of mit-han-lab/temporal-shift-module
/// @1f6a834): on (N*T, C, H, W) frames, 1/foldDiv of the channels take the next frame's values and the next 1/foldDiv
/// the previous frame's (zero at the clip ends), the rest stay; then the wrapped layer runs. The wrapped layer is the
/// child <c>net</c>, so a wrapped <c>conv1</c> has the key <c>conv1.net.weight</c> as in the official checkpoints.
/// </summary>
/// <remarks>
/// Directions follow the code, which mirrors the paper's Figure 1 (issue #106: equivalent, channel order is
/// arbitrary); the code's convention is what the official weights were trained with.
/// </remarks>
public sealed class TemporalShift : KeyedModule
{
    private readonly nn.Module<Tensor, Tensor> _net;

    /// <summary>Wraps <paramref name="net"/>.</summary>
    /// <param name="net">The layer applied after the shift (a block's first conv).</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="foldDiv">1/foldDiv of the channels shift each way (official <c>shift_div</c>, 8).</param>
    public TemporalShift(nn.Module<Tensor, Tensor> net, int numSegments, int foldDiv = 8) : base(nameof(TemporalShift))
    {
        ArgumentNullException.ThrowIfNull(net);
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "TemporalShift: numSegments must be positive.");
        if (foldDiv <= 0) throw new ArgumentOutOfRangeException(nameof(foldDiv), foldDiv, "TemporalShift: foldDiv must be positive.");
        NumSegments = numSegments;
        FoldDiv = foldDiv;
        _net = Add("net", net);
    }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>The divisor of the shifted channel fraction.</summary>
    public int FoldDiv { get; }

    /// <summary>net(shift(x)) for x of shape (N*T, C, H, W).</summary>
    public override Tensor forward(Tensor input) => _net.call(Shift(input, NumSegments, FoldDiv));

    /// <summary>
    /// The shift alone (official <c>TemporalShift.shift</c>, not in place): with fold = C / foldDiv, channels
    /// [0, fold) take frame t+1 (zero at the last frame), channels [fold, 2 fold) take frame t-1 (zero at the first),
    /// the rest are unchanged. Its gradient is the opposite shift.
    /// </summary>
    /// <param name="frames">(N*T, C, H, W), the T frames of a clip consecutive.</param>
    /// <param name="numSegments">T.</param>
    /// <param name="foldDiv">The divisor of the shifted fraction.</param>
    public static Tensor Shift(Tensor frames, int numSegments, int foldDiv)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.dim() != 4 || frames.shape[0] % numSegments != 0)
            throw new ArgumentException($"TemporalShift: expected (N*{numSegments}, C, H, W) frames, got ({string.Join(", ", frames.shape)}).", nameof(frames));
        long t = numSegments, n = frames.shape[0] / t, c = frames.shape[1], h = frames.shape[2], w = frames.shape[3];
        long fold = c / foldDiv;
        if (fold == 0 || t == 1) return frames;

        var x = frames.view(n, t, c, h, w);                                     // (N*T, C, H, W) -> (N, T, C, H, W)
        // Pad pairs run from the last dim backwards: W, H, C, then (T before, T after).
        var fromNext = nn.functional.pad(x.narrow(2, 0, fold).narrow(1, 1, t - 1), [0, 0, 0, 0, 0, 0, 0, 1]);
        var fromPrevious = nn.functional.pad(x.narrow(2, fold, fold).narrow(1, 0, t - 1), [0, 0, 0, 0, 0, 0, 1, 0]);
        var unchanged = x.narrow(2, 2 * fold, c - 2 * fold);
        return torch.cat([fromNext, fromPrevious, unchanged], 2).view(n * t, c, h, w);
    }
}
