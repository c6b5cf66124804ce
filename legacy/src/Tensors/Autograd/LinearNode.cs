namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Functional.Linear"/>: dX = dY W, dW = dY^T X, db = column sums of dY.</summary>
internal sealed class LinearNode(Tensor input, Tensor weight, Tensor? bias, int rows) : GradNode("LinearBackward", input, weight, bias)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        Tensor input = Inputs[0]!, weight = Inputs[1]!;
        int outFeatures = weight.Shape[0], inFeatures = weight.Shape[1];
        if (NeedsGrad(0))
        {
            var gradInput = Tensor.Uninitialized(input.ShapeArray);
            Kernels.LinearKernels.GradInput(gradOutput.Data, weight.Data, gradInput.Data, rows, inFeatures, outFeatures);
            gradInputs[0] = gradInput;
        }
        if (NeedsGrad(1))
        {
            var gradWeight = Tensor.Uninitialized(weight.ShapeArray);
            Kernels.LinearKernels.GradWeight(gradOutput.Data, input.Data, gradWeight.Data, rows, inFeatures, outFeatures);
            gradInputs[1] = gradWeight;
        }
        if (NeedsGrad(2))
        {
            var gradBias = Tensor.Zeros(outFeatures);
            Kernels.LinearKernels.GradBias(gradOutput.Data, gradBias.Data, rows, outFeatures);
            gradInputs[2] = gradBias;
        }
    }
}
