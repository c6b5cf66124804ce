namespace MLVideo.Tensors.Nn;

/// <summary>Softmax along <see cref="Dim"/>, PyTorch's <c>nn.Softmax(dim)</c> (no parameters).</summary>
public sealed class Softmax : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension whose entries sum to 1 (negative counts from the end).</param>
    public Softmax(int dim) => Dim = dim;

    /// <summary>The normalised dimension.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";

    /// <summary>Applies softmax along <see cref="Dim"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softmax(Dim);
    }
}
