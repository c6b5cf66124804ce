namespace MLVideo.Tensors.Nn;

/// <summary>max(x, 0), PyTorch's <c>nn.ReLU</c> (no parameters).</summary>
public sealed class ReLU : Module
{
    /// <summary>Applies max(x, 0) elementwise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
