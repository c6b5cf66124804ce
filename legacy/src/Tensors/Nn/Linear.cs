namespace MLVideo.Tensors.Nn;

/// <summary>
/// Fully connected layer y = x W^T + b over the last dimension, PyTorch's <c>nn.Linear</c> (keys <c>weight</c>
/// [out, in] and <c>bias</c> [out]); both initialised U(-1/sqrt(in), 1/sqrt(in)) as in PyTorch.
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
    /// <param name="inFeatures">Size of the input's last dimension.</param>
    /// <param name="outFeatures">Size of the output's last dimension.</param>
    /// <param name="bias">Whether the layer has a bias; default true.</param>
    /// <param name="generator">Random source for the initialisation; default <see cref="Generator.Default"/>.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        if (inFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "Linear: inFeatures must be positive.");
        if (outFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "Linear: outFeatures must be positive.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Tensor(outFeatures, inFeatures));
        Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (bias)
        {
            Bias = RegisterParameter("bias", new Tensor(outFeatures));
            double bound = 1.0 / Math.Sqrt(inFeatures);
            Init.Uniform(Bias, -bound, bound, generator);
        }
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The <c>weight</c> parameter [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>The <c>bias</c> parameter [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={FormatBool(Bias is not null)}";

    /// <summary>Maps (..., in) to (..., out).</summary>
    /// <exception cref="ShapeMismatchException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Size(-1) != InFeatures)
            throw new ShapeMismatchException($"Linear: input {ShapeHelper.Format(input.Shape)} must end in {InFeatures} features (weight {ShapeHelper.Format(Weight.Shape)}).");
        return Functional.Linear(input, Weight, Bias);
    }
}
