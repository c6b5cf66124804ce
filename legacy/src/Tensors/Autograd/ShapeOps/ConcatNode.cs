using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of <see cref="Tensor.Cat"/> and <see cref="Tensor.Stack"/>: with the output viewed as (rows,
/// rowLength), input i owns columns [offsets[i], offsets[i] + lengths[i]) and gets that block of the gradient.
/// </summary>
internal sealed class ConcatNode(string name, Tensor[] inputs, int rows, int rowLength, int[] offsets, int[] lengths) : GradNode(name, inputs)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        for (int i = 0; i < Inputs.Length; i++)
        {
            if (!NeedsGrad(i)) continue;
            var grad = Tensor.Uninitialized(Inputs[i]!.ShapeArray);
            StridedCopyKernels.CopyRows(gradOutput.RawArray, offsets[i], rowLength, grad.RawArray, 0, lengths[i], rows, lengths[i]);
            gradInputs[i] = grad;
        }
    }
}
