using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Functional.TemporalShift"/>: the opposite shift of the gradient.</summary>
internal sealed class TemporalShiftNode(Tensor input, int segments, int foldSize) : GradNode("TemporalShiftBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var x = Inputs[0]!;
        var grad = Tensor.Uninitialized(x.ShapeArray);
        int frames = x.Size(0);
        TemporalShiftKernels.Shift(gradOutput.RawArray, grad.RawArray, frames, segments, frames == 0 ? 0 : x.Count / frames, foldSize, backward: true);
        gradInputs[0] = grad;
    }
}
