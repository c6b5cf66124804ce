namespace MLVideo.Tensors.Nn;

/// <summary>
/// Single-layer, unidirectional, batch-first gated recurrent unit, PyTorch's <c>nn.GRU(batch_first=True)</c>
/// (keys <c>weight_ih_l0</c> [3H, I], <c>weight_hh_l0</c> [3H, H], <c>bias_ih_l0</c>, <c>bias_hh_l0</c> [3H], gate
/// rows ordered r, z, n). Every parameter starts U(-1/sqrt(H), 1/sqrt(H)) as in PyTorch.
/// </summary>
public sealed class GRU : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per time step, I.</param>
    /// <param name="hiddenSize">Hidden state size, H.</param>
    /// <param name="bias">Whether the layer has the two biases; default true.</param>
    /// <param name="generator">Random source for the initialisation; default <see cref="Generator.Default"/>.</param>
    public GRU(int inputSize, int hiddenSize, bool bias = true, Generator? generator = null)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "GRU: inputSize must be positive.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "GRU: hiddenSize must be positive.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        WeightIh = RegisterParameter("weight_ih_l0", Init.Uniform(new Tensor(3 * hiddenSize, inputSize), -bound, bound, generator));
        WeightHh = RegisterParameter("weight_hh_l0", Init.Uniform(new Tensor(3 * hiddenSize, hiddenSize), -bound, bound, generator));
        if (bias)
        {
            BiasIh = RegisterParameter("bias_ih_l0", Init.Uniform(new Tensor(3 * hiddenSize), -bound, bound, generator));
            BiasHh = RegisterParameter("bias_hh_l0", Init.Uniform(new Tensor(3 * hiddenSize), -bound, bound, generator));
        }
    }

    /// <summary>Input features I.</summary>
    public int InputSize { get; }

    /// <summary>Hidden size H.</summary>
    public int HiddenSize { get; }

    /// <summary>The <c>weight_ih_l0</c> parameter [3H, I].</summary>
    public Tensor WeightIh { get; }

    /// <summary>The <c>weight_hh_l0</c> parameter [3H, H].</summary>
    public Tensor WeightHh { get; }

    /// <summary>The <c>bias_ih_l0</c> parameter [3H], or null.</summary>
    public Tensor? BiasIh { get; }

    /// <summary>The <c>bias_hh_l0</c> parameter [3H], or null.</summary>
    public Tensor? BiasHh { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{InputSize}, {HiddenSize}{(BiasIh is null ? ", bias=False" : "")}, batch_first=True";

    /// <summary>Runs the sequence (N, T, I) from a zero state; returns the outputs (N, T, H).</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null).Output;

    /// <summary>Runs the sequence (N, T, I) from <paramref name="h0"/> (1, N, H), or zeros when null.</summary>
    /// <returns>The outputs (N, T, H) and the final state h_n (1, N, H).</returns>
    /// <exception cref="ShapeMismatchException">The input or h0 has the wrong shape.</exception>
    public (Tensor Output, Tensor HN) Forward(Tensor input, Tensor? h0)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Size(2) != InputSize)
            throw new ShapeMismatchException($"GRU: expected a batch-first (N, T, {InputSize}) input, got {ShapeHelper.Format(input.Shape)}.");
        if (h0 is not null && (h0.Rank != 3 || h0.Size(0) != 1 || h0.Size(1) != input.Size(0) || h0.Size(2) != HiddenSize))
            throw new ShapeMismatchException($"GRU: h0 must be (1, {input.Size(0)}, {HiddenSize}), got {ShapeHelper.Format(h0.Shape)}.");
        return Functional.Gru(input, h0, WeightIh, WeightHh, BiasIh, BiasHh);
    }
}
