using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Functional.Dropout"/>: the gradient times the forward's mask (0 or 1/(1 − p)).</summary>
internal sealed class DropoutNode(Tensor input, float[] mask) : GradNode("DropoutBackward", input)
{
    private float[] _mask = mask;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        SpanVectorOps.Multiply(gradOutput.Data, _mask, grad.Data);
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved() => _mask = [];
}
