namespace MLVideo.Tensors;

// OWNER: GEMM helper.
public static partial class Functional
{
    /// <summary>y = x W^T + b over the last dimension of <paramref name="input"/>; weight is [out, in].</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) => throw new NotImplementedException();
}
