namespace MLVideo.Tensors.Nn;

/// <summary>
/// Layer normalisation over the trailing <see cref="NormalizedShape"/> dimensions, PyTorch's <c>nn.LayerNorm</c>
/// (keys <c>weight</c> = 1 and <c>bias</c> = 0, both of that shape).
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly int[] _normalizedShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dimensions to normalise over, e.g. [512].</param>
    /// <param name="eps">Added to the variance; default 1e-5.</param>
    /// <param name="elementwiseAffine">Whether the layer has weight and bias; default true.</param>
    public LayerNorm(int[] normalizedShape, float eps = 1e-5f, bool elementwiseAffine = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || Array.Exists(normalizedShape, d => d <= 0))
            throw new ArgumentException($"LayerNorm: normalizedShape {ShapeHelper.Format(normalizedShape)} must be non-empty and positive.", nameof(normalizedShape));
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive.");
        _normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(_normalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(_normalizedShape));
        }
    }

    /// <summary>Creates the layer normalising the last dimension of size <paramref name="features"/>.</summary>
    public LayerNorm(int features, float eps = 1e-5f, bool elementwiseAffine = true) : this([features], eps, elementwiseAffine)
    {
    }

    /// <summary>The trailing dimensions normalised over.</summary>
    public ReadOnlySpan<int> NormalizedShape => _normalizedShape;

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <summary>The <c>weight</c> parameter, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The <c>bias</c> parameter, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"({string.Join(", ", _normalizedShape)}{(_normalizedShape.Length == 1 ? "," : "")}), eps={FormatNumber(Eps)}, elementwise_affine={FormatBool(Weight is not null)}";

    /// <summary>Normalises each sample over the trailing dimensions.</summary>
    /// <exception cref="ShapeMismatchException">The input does not end in <see cref="NormalizedShape"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int k = _normalizedShape.Length;
        if (input.Rank < k || !input.Shape[(input.Rank - k)..].SequenceEqual(_normalizedShape))
            throw new ShapeMismatchException($"LayerNorm: input {ShapeHelper.Format(input.Shape)} must end in {ShapeHelper.Format(_normalizedShape)}.");
        return Functional.LayerNorm(input, _normalizedShape, Weight, Bias, Eps);
    }
}
