using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of the max pools: each output gradient goes to the input element the forward chose.</summary>
internal sealed class MaxPoolNode(string op, Tensor input, int[] argmax, int planes, PoolGeometry geometry) : GradNode(op + "Backward", input)
{
    private int[] _argmax = argmax;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        PoolingKernels.MaxBackward(gradOutput.RawArray, _argmax, grad.RawArray, planes, geometry);
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved() => _argmax = [];
}
