using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of <see cref="Tensor.Pad"/>: the gradient of the part of the output that came from the input
/// (the padding gets none; input parts cropped away by negative pads get zero).
/// </summary>
internal sealed class PadNode(Tensor input, int[] box, int inputOffset, int outputOffset) : GradNode("PadBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        StridedCopyKernels.Copy(gradOutput.RawArray, outputOffset, ShapeHelper.Strides(gradOutput.Shape),
            grad.RawArray, inputOffset, ShapeHelper.Strides(grad.Shape), box);
        gradInputs[0] = grad;
    }
}
