using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of Sum/Mean: the upstream gradient (viewed with the reduced dimensions as size 1)
/// broadcast back over the input, divided by the number of summed elements for a mean.
/// </summary>
internal sealed class SumNode(Tensor input, int[] keepShape, float divisor, bool mean) : GradNode(mean ? "MeanBackward" : "SumBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        int[] shape = Inputs[0]!.ShapeArray;
        var grad = Tensor.Uninitialized(shape);
        float[] scalar = [divisor];
        // g / n with the scalar as the first operand (ReversedDivide computes y / x), or a plain copy.
        if (mean) BinaryKernels.Broadcast(new ReversedDivideOperator(), scalar, [], gradOutput.RawArray, keepShape, grad.RawArray, shape);
        else BinaryKernels.Broadcast(new SecondOperator(), scalar, [], gradOutput.RawArray, keepShape, grad.RawArray, shape);
        gradInputs[0] = grad;
    }
}

/// <summary>Backward of <see cref="Tensor.Max(int, bool)"/>: each value's gradient goes to its argmax position, zeros elsewhere.</summary>
internal sealed class MaxNode(Tensor input, int[] indices, int outer, int n, int inner) : GradNode("MaxBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        Span<float> gi = grad.Data;
        ReadOnlySpan<float> go = gradOutput.Data;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                gi[(o * n + indices[o * inner + i]) * inner + i] = go[o * inner + i];
        gradInputs[0] = grad;
    }
}
