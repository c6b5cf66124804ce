using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of <see cref="Functional.BatchNorm"/>: input, weight and bias gradients in one fused pass per
/// channel, from the per-channel mean and 1/std the forward used.
/// </summary>
internal sealed class BatchNormNode(Tensor input, Tensor? weight, Tensor? bias, float[] mean, float[] invStd, bool batchStats)
    : GradNode("BatchNormBackward", input, weight, bias)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        var x = Inputs[0]!;
        int n = x.Size(0), c = x.Size(1);
        int s = n * c == 0 ? 0 : x.Count / (n * c);
        Tensor? dx = NeedsGrad(0) ? Tensor.Uninitialized(x.ShapeArray) : null;
        Tensor? dWeight = NeedsGrad(1) ? Tensor.Uninitialized([c]) : null;
        Tensor? dBias = NeedsGrad(2) ? Tensor.Uninitialized([c]) : null;
        BatchNormKernels.Backward(x.RawArray, gradOutput.RawArray, n, c, s, Inputs[1]?.RawArray, mean, invStd, batchStats,
            dx?.RawArray, dWeight?.RawArray, dBias?.RawArray);
        gradInputs[0] = dx;
        gradInputs[1] = dWeight;
        gradInputs[2] = dBias;
    }
}
