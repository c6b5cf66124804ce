using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch's <c>matmul</c> rules: 1-d x 1-d is a dot product (0-d result); a 1-d
    /// left operand is a row vector and a 1-d right operand a column vector, their dimension removed from
    /// the result; operands of rank 3 or more are stacks of matrices whose batch dimensions broadcast.
    /// </summary>
    /// <param name="other">The right operand; its second-to-last dimension (or only one) must equal this tensor's last.</param>
    /// <exception cref="ShapeMismatchException">The inner dimensions differ or the batch dimensions do not broadcast.</exception>
    public Tensor Matmul(Tensor other)
    {
        var plan = MatmulPlan.Create(Shape, other.Shape, "Matmul");
        return MatmulWithPlan(this, other, plan, "matmul");
    }

    /// <summary>Batched matrix product of (B, n, m) and (B, m, p), giving (B, n, p) (no broadcasting, as <c>torch.bmm</c>).</summary>
    /// <param name="other">The right operand, (B, m, p).</param>
    /// <exception cref="ShapeMismatchException">Either operand is not 3-d, the batch sizes differ or the inner dimensions differ.</exception>
    public Tensor Bmm(Tensor other)
    {
        if (Rank != 3 || other.Rank != 3)
            throw new ShapeMismatchException($"Bmm: both arguments must be 3-d, got {ShapeHelper.Format(Shape)} and {ShapeHelper.Format(other.Shape)}.");
        if (Shape[0] != other.Shape[0])
            throw new ShapeMismatchException($"Bmm: batch sizes differ: {ShapeHelper.Format(Shape)} and {ShapeHelper.Format(other.Shape)}.");
        var plan = MatmulPlan.Create(Shape, other.Shape, "Bmm");
        return MatmulWithPlan(this, other, plan, "bmm");
    }

    private static Tensor MatmulWithPlan(Tensor a, Tensor b, MatmulPlan plan, string macName)
    {
        var result = Uninitialized(plan.OutShape);
        MatmulKernels.Forward(plan, a.Data, b.Data, result.Data);
        if (MacCounter.IsActive) MacCounter.Add(macName, plan.Macs);
        if (Autograd.IsRecording(a, b)) result.SetGradFn(new MatmulNode(macName == "bmm" ? "BmmBackward" : "MatmulBackward", a, b, plan));
        return result;
    }
}
