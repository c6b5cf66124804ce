using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper.
public static partial class Functional
{
    /// <summary>
    /// TSM's temporal shift of (N*T, C, H, W): channels [0, C/foldDiv) take frame t+1, the next C/foldDiv take
    /// frame t-1, zero-filled at the clip ends; the rest unchanged (Lin et al., ICCV 2019). Directions follow the
    /// official code (<c>ops/temporal_shift.py</c>), the mirror of the paper's Figure 1 (see docs/methods.md).
    /// The gradient is the opposite shift. A new tensor is returned (the input is not modified).
    /// </summary>
    /// <param name="input">(N*T, C, H, W) with the T frames of each clip consecutive.</param>
    /// <param name="numSegments">T, the frames per clip.</param>
    /// <param name="foldDiv">1/foldDiv of the channels shift each way (8 in TSM).</param>
    /// <exception cref="ShapeMismatchException">The input is not 4-D or N*T is not a multiple of <paramref name="numSegments"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numSegments"/> or <paramref name="foldDiv"/> is not positive.</exception>
    public static Tensor TemporalShift(Tensor input, int numSegments, int foldDiv = 8)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (numSegments <= 0)
            throw new ArgumentOutOfRangeException(nameof(numSegments), numSegments, $"TemporalShift: numSegments must be positive (input {ShapeHelper.Format(input.Shape)}).");
        if (foldDiv <= 0)
            throw new ArgumentOutOfRangeException(nameof(foldDiv), foldDiv, $"TemporalShift: foldDiv must be positive (input {ShapeHelper.Format(input.Shape)}).");
        if (input.Rank != 4)
            throw new ShapeMismatchException($"TemporalShift: expected a 4-D (N*T, C, H, W) input, got {ShapeHelper.Format(input.Shape)}.");
        int frames = input.Size(0);
        if (frames % numSegments != 0)
            throw new ShapeMismatchException($"TemporalShift: N*T = {frames} (input {ShapeHelper.Format(input.Shape)}) is not divisible by numSegments = {numSegments}.");
        int channels = input.Size(1);
        int plane = input.Size(2) * input.Size(3);
        int foldSize = channels / foldDiv * plane;

        var result = Tensor.Uninitialized(input.ShapeArray);
        TemporalShiftKernels.Shift(input.RawArray, result.RawArray, frames, numSegments, channels * plane, foldSize, backward: false);
        if (Autograd.IsRecording(input)) result.SetGradFn(new TemporalShiftNode(input, numSegments, foldSize));
        return result;
    }
}
