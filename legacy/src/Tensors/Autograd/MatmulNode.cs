namespace MLVideo.Tensors;

/// <summary>
/// Backward of <see cref="Tensor.Matmul"/> and <see cref="Tensor.Bmm"/>: dA = dY B^T and dB = A^T dY per
/// matrix, summed over broadcast batch dimensions straight into tensors of the inputs' shapes.
/// </summary>
internal sealed class MatmulNode(string name, Tensor a, Tensor b, MatmulPlan plan) : GradNode(name, a, b)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        Tensor a = Inputs[0]!, b = Inputs[1]!;
        if (NeedsGrad(0))
        {
            var gradA = Tensor.Zeros(a.ShapeArray);
            Kernels.MatmulKernels.GradA(plan, gradOutput.Data, b.Data, gradA.Data);
            gradInputs[0] = gradA;
        }
        if (NeedsGrad(1))
        {
            var gradB = Tensor.Zeros(b.ShapeArray);
            Kernels.MatmulKernels.GradB(plan, a.Data, gradOutput.Data, gradB.Data);
            gradInputs[1] = gradB;
        }
    }
}
