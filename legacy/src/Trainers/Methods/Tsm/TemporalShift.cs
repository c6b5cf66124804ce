using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Methods.Tsm;

/// <summary>
/// TSM's wrapper (Lin, Gan, Han, "TSM: Temporal Shift Module for Efficient Video Understanding", ICCV 2019; official
/// <c>ops/temporal_shift.py</c> of mit-han-lab/temporal-shift-module @1f6a834): shifts 1/foldDiv of the channels
/// one frame towards the past and 1/foldDiv towards the future (zero-padded at the clip ends), then applies the
/// wrapped layer, registered as <c>net</c> (so a wrapped <c>conv1</c> has the key <c>conv1.net.weight</c>).
/// </summary>
public sealed class TemporalShift : Module
{
    /// <summary>Wraps <paramref name="net"/>.</summary>
    /// <param name="net">The layer applied after the shift (a block's <c>conv1</c>).</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="foldDiv">1/foldDiv of the channels shift each way (official <c>shift_div</c>, 8).</param>
    public TemporalShift(Module net, int numSegments, int foldDiv = 8)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (numSegments <= 0) throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, "TemporalShift: numSegments must be positive.");
        if (foldDiv <= 0) throw new ArgumentOutOfRangeException(nameof(foldDiv), foldDiv, "TemporalShift: foldDiv must be positive.");
        Net = RegisterModule("net", net);
        NumSegments = numSegments;
        FoldDiv = foldDiv;
    }

    /// <summary>The wrapped layer.</summary>
    public Module Net { get; }

    /// <summary>T, the frames per clip.</summary>
    public int NumSegments { get; }

    /// <summary>The shifted fraction's divisor.</summary>
    public int FoldDiv { get; }

    /// <summary>net(shift(x)) for x of shape (N*T, C, H, W).</summary>
    public override Tensor Forward(Tensor input) =>
        Net.Forward(Functional.TemporalShift(input, NumSegments, FoldDiv));
}
