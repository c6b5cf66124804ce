using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of one output of <see cref="Tensor.Split(int, int)"/> / <see cref="Tensor.Chunk"/>: its gradient
/// placed at its columns of the input viewed as (rows, rowLength), zeros elsewhere (the engine adds the
/// contributions of the other parts).
/// </summary>
internal sealed class SplitPartNode(Tensor input, int rows, int rowLength, int columnOffset, int length) : GradNode("SplitBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        StridedCopyKernels.CopyRows(gradOutput.RawArray, 0, length, grad.RawArray, columnOffset, rowLength, rows, length);
        gradInputs[0] = grad;
    }
}
