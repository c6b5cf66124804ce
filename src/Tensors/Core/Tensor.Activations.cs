namespace MLVideo.Tensors;

// OWNER: elementwise helper.
public sealed partial class Tensor
{
    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => throw new NotImplementedException();
    /// <summary>min(max(x, 0), 6) (MobileNetV2).</summary>
    public Tensor Relu6() => throw new NotImplementedException();
    /// <summary>1 / (1 + e^-x).</summary>
    public Tensor Sigmoid() => throw new NotImplementedException();
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => throw new NotImplementedException();
    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public Tensor Softmax(int dim) => throw new NotImplementedException();
    /// <summary>Log-softmax along <paramref name="dim"/> (numerically stable).</summary>
    public Tensor LogSoftmax(int dim) => throw new NotImplementedException();
}
