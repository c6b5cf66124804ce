using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Softmax"/> and <see cref="Tensor.LogSoftmax"/>, from the saved output.</summary>
internal sealed class SoftmaxNode(Tensor input, Tensor output, int outer, int n, int inner, bool log)
    : GradNode(log ? "LogSoftmaxBackward" : "SoftmaxBackward", input)
{
    private Tensor? _output = output;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        SoftmaxKernels.Backward(_output!.RawArray, gradOutput.RawArray, grad.RawArray, outer, n, inner, log);
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved() => _output = null;
}
