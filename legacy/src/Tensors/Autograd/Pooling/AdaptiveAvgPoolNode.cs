using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of the adaptive average pools: each output gradient spread evenly over its adaptive window.</summary>
internal sealed class AdaptiveAvgPoolNode(string op, Tensor input, int planes, PoolGeometry geometry) : GradNode(op + "Backward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        PoolingKernels.AdaptiveAvgBackward(gradOutput.RawArray, grad.RawArray, planes, geometry);
        gradInputs[0] = grad;
    }
}
