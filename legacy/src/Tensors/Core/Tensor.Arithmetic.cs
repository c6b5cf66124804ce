using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// Broadcasting binary arithmetic, scalar arithmetic and unary math. Forward kernels are operator
// structs run by UnaryKernels/BinaryKernels; each backward rule is another operator struct (see
// Autograd/Elementwise).
public sealed partial class Tensor
{
    /// <summary>Elementwise sum with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together (the message names the op and both shapes).</exception>
    public static Tensor operator +(Tensor a, Tensor b)
    {
        Tensor result = Broadcasting(new AddOperator(), a, b, "Add");
        if (Autograd.IsRecording(a, b)) result.SetGradFn(new AddNode(a, b));
        return result;
    }

    /// <summary>Elementwise difference with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Tensor operator -(Tensor a, Tensor b)
    {
        Tensor result = Broadcasting(new SubtractOperator(), a, b, "Sub");
        if (Autograd.IsRecording(a, b)) result.SetGradFn(new SubtractNode(a, b));
        return result;
    }

    /// <summary>Elementwise product with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Tensor operator *(Tensor a, Tensor b)
    {
        Tensor result = Broadcasting(new MultiplyOperator(), a, b, "Mul");
        if (Autograd.IsRecording(a, b)) result.SetGradFn(new MultiplyNode(a, b));
        return result;
    }

    /// <summary>Elementwise quotient with NumPy broadcasting (IEEE semantics: x/0 is ±infinity or NaN).</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Tensor operator /(Tensor a, Tensor b)
    {
        Tensor result = Broadcasting(new DivideOperator(), a, b, "Div");
        if (Autograd.IsRecording(a, b)) result.SetGradFn(new DivideNode(a, b, result));
        return result;
    }

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, float b) =>
        MapRecorded(a, new AddScalarOperator(b), static x => new PassThroughNode("AddBackward", x));

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(float a, Tensor b) => b + a;

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, float b) =>
        MapRecorded(a, new AddScalarOperator(-b), static x => new PassThroughNode("SubBackward", x));

    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(float a, Tensor b) =>
        MapRecorded(b, new ScalarSubtractOperator(a), static x => new GradientMapNode<NegateOperator>("RsubBackward", x, default));

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, float b)
    {
        Tensor result = Map(a, new ScaleOperator(b));
        if (Autograd.IsRecording(a)) result.SetGradFn(new GradientMapNode<ScaleOperator>("MulBackward", a, new ScaleOperator(b)));
        return result;
    }

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(float a, Tensor b) => b * a;

    /// <summary>Divides by a scalar (a true division, as PyTorch does).</summary>
    public static Tensor operator /(Tensor a, float b)
    {
        Tensor result = Map(a, new DivideByScalarOperator(b));
        if (Autograd.IsRecording(a)) result.SetGradFn(new GradientMapNode<DivideByScalarOperator>("DivBackward", a, new DivideByScalarOperator(b)));
        return result;
    }

    /// <summary>Scalar divided by tensor.</summary>
    public static Tensor operator /(float a, Tensor b)
    {
        Tensor result = Map(b, new ScalarDivideOperator(a));
        if (Autograd.IsRecording(b)) result.SetGradFn(new ScalarDivideNode(b, result));
        return result;
    }

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) =>
        MapRecorded(a, new NegateOperator(), static x => new GradientMapNode<NegateOperator>("NegBackward", x, default));

    /// <summary>Elementwise power with a scalar exponent (MathF.Pow semantics; a negative base with a fractional exponent gives NaN).</summary>
    public Tensor Pow(float exponent)
    {
        Tensor result;
        if (exponent == 2f) result = Map(this, new SquareOperator());
        else if (exponent == 1f) result = Map(this, new ScaleOperator(1f));
        else
        {
            result = Uninitialized(ShapeArray);
            UnaryKernels.Pow(Data, exponent, result.Data);
        }
        if (Autograd.IsRecording(this)) result.SetGradFn(new PowNode(this, exponent));
        return result;
    }

    /// <summary>Elementwise square root (NaN for negative inputs).</summary>
    public Tensor Sqrt()
    {
        Tensor result = Map(this, new SqrtOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<SqrtBackwardOperator>("SqrtBackward", this, result, default));
        return result;
    }

    /// <summary>Elementwise e^x.</summary>
    public Tensor Exp()
    {
        Tensor result = Map(this, new ExpOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<MultiplyOperator>("ExpBackward", this, result, default));
        return result;
    }

    /// <summary>Elementwise natural logarithm (-infinity at 0, NaN below).</summary>
    public Tensor Log()
    {
        Tensor result = Map(this, new LogOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<ReversedDivideOperator>("LogBackward", this, this, default));
        return result;
    }

    /// <summary>Elementwise absolute value (gradient sign(x), 0 at 0).</summary>
    public Tensor Abs()
    {
        Tensor result = Map(this, new AbsOperator());
        if (Autograd.IsRecording(this)) result.SetGradFn(new SavedOperandRuleNode<AbsBackwardOperator>("AbsBackward", this, this, default));
        return result;
    }

    /// <summary>Clamps to [min, max] (gradient passes where min &lt;= x &lt;= max, 0 outside, as PyTorch).</summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/> or either is NaN.</exception>
    public Tensor Clamp(float min, float max)
    {
        if (!(min <= max)) throw new ArgumentException($"Clamp: min ({min}) must not be greater than max ({max}).", nameof(min));
        Tensor result = Map(this, new ClampOperator(min, max));
        if (Autograd.IsRecording(this))
            result.SetGradFn(new SavedOperandRuleNode<ClampBackwardOperator>("ClampBackward", this, this, new ClampBackwardOperator(min, max, inclusive: true)));
        return result;
    }

    /// <summary>
    /// Elementwise maximum of two tensors with broadcasting; NaN if either is NaN. The gradient goes
    /// to the larger operand and is split in halves on ties (as <c>torch.maximum</c>).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public Tensor Maximum(Tensor other)
    {
        Tensor result = Broadcasting(new MaximumOperator(), this, other, "Maximum");
        if (Autograd.IsRecording(this, other)) result.SetGradFn(new ExtremumNode(this, other, maximum: true));
        return result;
    }

    /// <summary>Elementwise minimum of two tensors with broadcasting (gradient rule as <see cref="Maximum"/>).</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public Tensor Minimum(Tensor other)
    {
        Tensor result = Broadcasting(new MinimumOperator(), this, other, "Minimum");
        if (Autograd.IsRecording(this, other)) result.SetGradFn(new ExtremumNode(this, other, maximum: false));
        return result;
    }

    // ---------------------------------------------------------------- shared drivers

    /// <summary>op(a, b) with broadcasting, unrecorded; the error names <paramref name="opName"/> and both shapes.</summary>
    internal static Tensor Broadcasting<TOp>(TOp op, Tensor a, Tensor b, string opName) where TOp : struct, IBinaryOperator
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (ShapeHelper.SameShape(a.Shape, b.Shape))
        {
            var same = Uninitialized(a.ShapeArray);
            BinaryKernels.ApplyParallel(op, a.RawArray, b.RawArray, same.RawArray, same.Count);
            return same;
        }
        int[] outShape = ShapeHelper.Broadcast(a.Shape, b.Shape, opName);
        var result = Uninitialized(outShape);
        if (b.Count == 1 && ShapeHelper.SameShape(outShape, a.Shape))
            UnaryKernels.ApplyParallel(new BinaryKernels.BindRight<TOp>(op, b.Data[0]), a.RawArray, result.RawArray, result.Count);
        else if (a.Count == 1 && ShapeHelper.SameShape(outShape, b.Shape))
            UnaryKernels.ApplyParallel(new BinaryKernels.BindLeft<TOp>(op, a.Data[0]), b.RawArray, result.RawArray, result.Count);
        else
            BinaryKernels.Broadcast(op, a.RawArray, a.Shape, b.RawArray, b.Shape, result.RawArray, outShape);
        return result;
    }

    /// <summary>op(a, b) with broadcasting for backward rules (shapes already known to broadcast).</summary>
    internal static Tensor BroadcastKernel<TOp>(TOp op, Tensor a, Tensor b) where TOp : struct, IBinaryOperator =>
        Broadcasting(op, a, b, "Backward");

    /// <summary>op(x) elementwise into a new tensor, unrecorded.</summary>
    internal static Tensor Map<TOp>(Tensor x, TOp op) where TOp : struct, IUnaryOperator
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = Uninitialized(x.ShapeArray);
        UnaryKernels.ApplyParallel(op, x.RawArray, result.RawArray, result.Count);
        return result;
    }

    private static Tensor MapRecorded<TOp>(Tensor x, TOp op, Func<Tensor, GradNode> node) where TOp : struct, IUnaryOperator
    {
        Tensor result = Map(x, op);
        if (Autograd.IsRecording(x)) result.SetGradFn(node(x));
        return result;
    }
}
