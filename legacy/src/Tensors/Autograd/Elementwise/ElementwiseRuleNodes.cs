using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of a one-input elementwise op whose rule depends on a saved tensor of the input's shape
/// (the input x or the output y): grad = rule(saved, gradOutput), one operator struct per op
/// (ReLU, clamp, sigmoid, tanh, sqrt, abs, exp, log).
/// </summary>
internal sealed class SavedOperandRuleNode<TRule>(string name, Tensor input, Tensor saved, TRule rule) : GradNode(name, input)
    where TRule : struct, IBinaryOperator
{
    private Tensor? _saved = saved;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        BinaryKernels.ApplyParallel(rule, _saved!.RawArray, gradOutput.RawArray, grad.RawArray, grad.Count);
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved() => _saved = null;
}

/// <summary>Backward of a one-input op whose gradient is a fixed function of the upstream gradient alone (negate, scale, divide by a scalar).</summary>
internal sealed class GradientMapNode<TMap>(string name, Tensor input, TMap map) : GradNode(name, input)
    where TMap : struct, IUnaryOperator
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        UnaryKernels.ApplyParallel(map, gradOutput.RawArray, grad.RawArray, grad.Count);
        gradInputs[0] = grad;
    }
}

/// <summary>Backward of x + c and x - c: the gradient passes through.</summary>
internal sealed class PassThroughNode(string name, Tensor input) : GradNode(name, input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = GradientTensors.Share(gradOutput);
    }
}

/// <summary>Backward of c / x: -g * c / x^2, computed as -(g / x) * y with y = c / x.</summary>
internal sealed class ScalarDivideNode(Tensor input, Tensor output) : GradNode("ScalarDivideBackward", input)
{
    private Tensor? _output = output;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        int n = grad.Count;
        BinaryKernels.ApplyParallel(new DivideOperator(), gradOutput.RawArray, Inputs[0]!.RawArray, grad.RawArray, n);
        BinaryKernels.ApplyParallel(new NegatedMultiplyOperator(), grad.RawArray, _output!.RawArray, grad.RawArray, n);
        gradInputs[0] = grad;
    }

    protected internal override void ReleaseSaved() => _output = null;
}

/// <summary>Backward of x^e: g * e * x^(e-1) (PyTorch's pow_backward).</summary>
internal sealed class PowNode(Tensor input, float exponent) : GradNode("PowBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = Tensor.Uninitialized(Inputs[0]!.ShapeArray);
        if (exponent == 2f)
        {
            // (g * x) * 2 equals g * (2 * x) exactly: doubling never rounds.
            BinaryKernels.ApplyParallel(new MultiplyOperator(), gradOutput.RawArray, Inputs[0]!.RawArray, grad.RawArray, grad.Count);
            UnaryKernels.ApplyParallel(new ScaleOperator(2f), grad.RawArray, grad.RawArray, grad.Count);
        }
        else
            UnaryKernels.PowBackward(Inputs[0]!.Data, gradOutput.Data, exponent, grad.Data);
        gradInputs[0] = grad;
    }
}
