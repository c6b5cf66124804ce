using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of the average pools: each output gradient spread evenly over its window.</summary>
internal sealed class AvgPoolNode(string op, Tensor input, int planes, PoolGeometry geometry, bool countIncludePad) : GradNode(op + "Backward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        PoolingKernels.AvgBackward(gradOutput.RawArray, grad.RawArray, planes, geometry, countIncludePad);
        gradInputs[0] = grad;
    }
}
