namespace MLVideo.Tensors;

// OWNER: GEMM helper.
public sealed partial class Tensor
{
    /// <summary>Matrix product with PyTorch's <c>matmul</c> rules (1-d vectors, broadcast batch dims).</summary>
    public Tensor Matmul(Tensor other) => throw new NotImplementedException();
    /// <summary>Batched matrix product of (B, n, m) and (B, m, p).</summary>
    public Tensor Bmm(Tensor other) => throw new NotImplementedException();
}
