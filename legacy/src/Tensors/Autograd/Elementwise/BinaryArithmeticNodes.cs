using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// Backward rules of the broadcasting binary ops. Each gradient is produced at the OUTPUT's shape;
// the engine sums it back over broadcast dimensions (BroadcastReduction).

/// <summary>Backward of a + b: both gradients are the upstream gradient.</summary>
internal sealed class AddNode(Tensor a, Tensor b) : GradNode("AddBackward", a, b)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = GradientTensors.Share(gradOutput);
        if (NeedsGrad(1)) gradInputs[1] = NeedsGrad(0) ? GradientTensors.Copy(gradOutput) : GradientTensors.Share(gradOutput);
    }
}

/// <summary>Backward of a - b: g and -g.</summary>
internal sealed class SubtractNode(Tensor a, Tensor b) : GradNode("SubBackward", a, b)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = GradientTensors.Share(gradOutput);
        if (NeedsGrad(1))
        {
            var grad = Tensor.Uninitialized(gradOutput.ShapeArray);
            UnaryKernels.ApplyParallel(new NegateOperator(), gradOutput.RawArray, grad.RawArray, grad.Count);
            gradInputs[1] = grad;
        }
    }
}

/// <summary>Backward of a * b: g * b and g * a.</summary>
internal sealed class MultiplyNode(Tensor a, Tensor b) : GradNode("MulBackward", a, b)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = Tensor.BroadcastKernel(new MultiplyOperator(), gradOutput, Inputs[1]!);
        if (NeedsGrad(1)) gradInputs[1] = Tensor.BroadcastKernel(new MultiplyOperator(), gradOutput, Inputs[0]!);
    }
}

/// <summary>Backward of y = a / b: g / b and -g * a / b^2, the latter computed as -(g / b) * y.</summary>
internal sealed class DivideNode(Tensor a, Tensor b, Tensor output) : GradNode("DivBackward", a, b)
{
    private Tensor? _output = output;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        Tensor gradA = Tensor.BroadcastKernel(new DivideOperator(), gradOutput, Inputs[1]!);
        if (NeedsGrad(1))
        {
            var gradB = Tensor.Uninitialized(gradA.ShapeArray);
            BinaryKernels.ApplyParallel(new NegatedMultiplyOperator(), gradA.RawArray, _output!.RawArray, gradB.RawArray, gradB.Count);
            gradInputs[1] = gradB;
        }
        if (NeedsGrad(0)) gradInputs[0] = gradA;
        else gradA.Dispose();
    }

    protected internal override void ReleaseSaved() => _output = null;
}

/// <summary>
/// Backward of maximum(a, b) / minimum(a, b) with PyTorch's rule: the gradient goes to the operand
/// that was selected, and is split in halves on ties.
/// </summary>
internal sealed class ExtremumNode(Tensor a, Tensor b, bool maximum) : GradNode(maximum ? "MaximumBackward" : "MinimumBackward", a, b)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        int[] shape = gradOutput.ShapeArray;
        using Tensor a = Inputs[0]!.Expand(shape);
        using Tensor b = Inputs[1]!.Expand(shape);
        ReadOnlySpan<float> av = a.Data, bv = b.Data, g = gradOutput.Data;
        if (NeedsGrad(0))
        {
            var grad = Tensor.Uninitialized(shape);
            Span<float> d = grad.Data;
            for (int i = 0; i < d.Length; i++) d[i] = Share(av[i], bv[i], g[i]);
            gradInputs[0] = grad;
        }
        if (NeedsGrad(1))
        {
            var grad = Tensor.Uninitialized(shape);
            Span<float> d = grad.Data;
            for (int i = 0; i < d.Length; i++) d[i] = Share(bv[i], av[i], g[i]);
            gradInputs[1] = grad;
        }
    }

    /// <summary>The gradient share of <paramref name="self"/> against <paramref name="other"/> (a NaN operand keeps g, as in PyTorch).</summary>
    private float Share(float self, float other, float g) =>
        self == other ? g / 2f : (maximum ? self < other : self > other) ? 0f : g;
}
