using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// Activations. Pointwise ones are operator structs (ActivationOperators.cs); softmax and
// log-softmax work on (outer, n, inner) views of any dimension (SoftmaxKernels.cs).
public sealed partial class Tensor
{
    /// <summary>max(x, 0); NaN stays NaN. Gradient: g where x &gt; 0.</summary>
    public Tensor Relu()
    {
        Tensor result = Map(this, new ReluOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<ReluBackwardOperator>("ReluBackward", this, this, default));
        return result;
    }

    /// <summary>min(max(x, 0), 6) (MobileNetV2). Gradient: g where 0 &lt; x &lt; 6 (PyTorch's hardtanh rule).</summary>
    public Tensor Relu6()
    {
        Tensor result = Map(this, new ClampOperator(0f, 6f));
        if (Autograd.IsRecording(this))
            result.SetGradFn(new SavedOperandRuleNode<ClampBackwardOperator>("Relu6Backward", this, this, new ClampBackwardOperator(0f, 6f, inclusive: false)));
        return result;
    }

    /// <summary>1 / (1 + e^-x). Gradient: g * (1 - y) * y.</summary>
    public Tensor Sigmoid()
    {
        Tensor result = Map(this, new SigmoidOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<SigmoidBackwardOperator>("SigmoidBackward", this, result, default));
        return result;
    }

    /// <summary>Hyperbolic tangent. Gradient: g * (1 - y^2).</summary>
    public Tensor Tanh()
    {
        Tensor result = Map(this, new TanhOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<TanhBackwardOperator>("TanhBackward", this, result, default));
        return result;
    }

    /// <summary>Softmax along <paramref name="dim"/>: e^(x - max) / sum e^(x - max), stable for any magnitude.</summary>
    public Tensor Softmax(int dim)
    {
        var (outer, n, inner) = SplitAt(dim, "Softmax");
        var result = Uninitialized(ShapeArray);
        SoftmaxKernels.Forward(RawArray, result.RawArray, outer, n, inner, log: false);
        if (Autograd.IsRecording(this)) result.SetGradFn(new SoftmaxNode(this, result, outer, n, inner, log: false));
        return result;
    }

    /// <summary>Log-softmax along <paramref name="dim"/>: x - max - log(sum e^(x - max)), stable for any magnitude.</summary>
    public Tensor LogSoftmax(int dim)
    {
        var (outer, n, inner) = SplitAt(dim, "LogSoftmax");
        var result = Uninitialized(ShapeArray);
        SoftmaxKernels.Forward(RawArray, result.RawArray, outer, n, inner, log: true);
        if (Autograd.IsRecording(this)) result.SetGradFn(new SoftmaxNode(this, result, outer, n, inner, log: true));
        return result;
    }

    /// <summary>Views the tensor as (outer, n, inner) around dimension <paramref name="dim"/> (a 0-d tensor is (1, 1, 1)).</summary>
    internal (int Outer, int N, int Inner) SplitAt(int dim, string op)
    {
        if (Rank == 0)
        {
            ShapeHelper.NormalizeDim(dim, 0, op);
            return (1, 1, 1);
        }
        int d = ShapeHelper.NormalizeDim(dim, Rank, op);
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= _shape[i];
        for (int i = d + 1; i < Rank; i++) inner *= _shape[i];
        return (outer, _shape[d], inner);
    }
}
