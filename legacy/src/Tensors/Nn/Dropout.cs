namespace MLVideo.Tensors.Nn;

/// <summary>
/// Inverted dropout, PyTorch's <c>nn.Dropout</c>: in training zeroes each element with probability
/// <see cref="P"/> and scales the rest by 1/(1 - p); in evaluation the identity.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Generator? _generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Drop probability in [0, 1]; default 0.5.</param>
    /// <param name="generator">Random source for the masks; default <see cref="Generator.Default"/>.</param>
    public Dropout(float p = 0.5f, Generator? generator = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1].");
        P = p;
        _generator = generator;
    }

    /// <summary>Drop probability.</summary>
    public float P { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={FormatNumber(P)}, inplace=False";

    /// <summary>Applies dropout in training mode; returns the input unchanged in evaluation mode.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // PyTorch returns the input itself in eval mode; no op, no graph node.
        if (!IsTraining || P == 0f) return input;
        return Functional.Dropout(input, P, training: true, _generator);
    }
}
