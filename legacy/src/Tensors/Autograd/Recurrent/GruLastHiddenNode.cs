using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of the GRU's h_n, which is the output's last step: the gradient goes to those output rows (zeros
/// elsewhere), so the engine adds it to the output's gradient and the sequence is back-propagated once.
/// </summary>
internal sealed class GruLastHiddenNode(Tensor output, GruKernels.Shape shape) : GradNode("GruHiddenBackward", output)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        int h = shape.HiddenSize;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        for (int n = 0; n < shape.Batch; n++)
            gradOutput.RawArray.AsSpan(n * h, h).CopyTo(grad.RawArray.AsSpan(shape.Row(n, shape.Steps - 1) * h, h));
        gradInputs[0] = grad;
    }
}
