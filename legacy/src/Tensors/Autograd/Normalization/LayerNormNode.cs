using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Functional.LayerNorm"/> from the per-row mean and 1/std of the forward pass.</summary>
internal sealed class LayerNormNode(Tensor input, Tensor? weight, Tensor? bias, int rows, int d, float[] mean, float[] rstd)
    : GradNode("LayerNormBackward", input, weight, bias)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        Tensor? dx = NeedsGrad(0) ? Tensor.Uninitialized(Inputs[0]!.ShapeArray) : null;
        Tensor? dWeight = NeedsGrad(1) ? Tensor.Uninitialized(Inputs[1]!.ShapeArray) : null;
        Tensor? dBias = NeedsGrad(2) ? Tensor.Uninitialized(Inputs[2]!.ShapeArray) : null;
        LayerNormKernels.Backward(Inputs[0]!.RawArray, gradOutput.RawArray, rows, d, Inputs[1]?.RawArray, mean, rstd,
            dx?.RawArray, dWeight?.RawArray, dBias?.RawArray);
        gradInputs[0] = dx;
        gradInputs[1] = dWeight;
        gradInputs[2] = dBias;
    }
}
