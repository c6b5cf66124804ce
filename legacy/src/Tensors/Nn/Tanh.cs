namespace MLVideo.Tensors.Nn;

/// <summary>Hyperbolic tangent, PyTorch's <c>nn.Tanh</c> (no parameters).</summary>
public sealed class Tanh : Module
{
    /// <summary>Applies tanh elementwise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Tanh();
    }
}
