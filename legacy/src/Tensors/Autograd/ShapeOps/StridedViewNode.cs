using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of ops whose output is a strided window of the input (<see cref="Tensor.Slice"/>,
/// <see cref="Tensor.Select"/>): the gradient is written back into that window of a zero tensor.
/// </summary>
/// <param name="name">The op's backward name.</param>
/// <param name="input">The op's input.</param>
/// <param name="offset">Flat input offset of the output's first element.</param>
/// <param name="strides">Input stride of each output dimension.</param>
internal sealed class StridedViewNode(string name, Tensor input, int offset, int[] strides) : GradNode(name, input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        StridedCopyKernels.Copy(gradOutput.RawArray, 0, ShapeHelper.Strides(gradOutput.Shape), grad.RawArray, offset, strides, gradOutput.Shape);
        gradInputs[0] = grad;
    }
}
