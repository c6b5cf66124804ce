namespace MLVideo.Tensors.Nn;

/// <summary>1 / (1 + e^-x), PyTorch's <c>nn.Sigmoid</c> (no parameters; it still takes an index inside a <see cref="Sequential"/>, which shifts checkpoint keys).</summary>
public sealed class Sigmoid : Module
{
    /// <summary>Applies the logistic function elementwise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Sigmoid();
    }
}
