namespace MLVideo.Tensors.Nn;

/// <summary>
/// In-place parameter initialisers with PyTorch's formulas (<c>torch.nn.init</c>): fans, gains, Kaiming,
/// Xavier, constant, normal and uniform. Each writes the tensor's data directly (nothing is recorded by
/// autograd) and draws from the given <see cref="Generator"/>, or <see cref="Generator.Default"/>.
/// </summary>
public static class Init
{
    /// <summary>
    /// PyTorch's <c>_calculate_fan_in_and_fan_out</c>: for a weight [out, in, k...] the receptive field is
    /// prod(k...), fan_in = in * receptive, fan_out = out * receptive.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFans(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
            throw new ArgumentException($"Init: fan in and fan out cannot be computed for a tensor of shape {ShapeHelper.Format(tensor.Shape)} (fewer than 2 dimensions).", nameof(tensor));
        int receptive = 1;
        for (int i = 2; i < tensor.Rank; i++) receptive *= tensor.Size(i);
        return (tensor.Size(1) * receptive, tensor.Size(0) * receptive);
    }

    /// <summary>PyTorch's <c>calculate_gain</c>.</summary>
    /// <param name="nonlinearity">The nonlinearity.</param>
    /// <param name="negativeSlope">The leaky-ReLU slope a (only for <see cref="Nonlinearity.LeakyRelu"/>; PyTorch's default 0.01).</param>
    public static double CalculateGain(Nonlinearity nonlinearity, double negativeSlope = 0.01) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Sigmoid => 1.0,
        Nonlinearity.Tanh => 5.0 / 3.0,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope)),
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Init: unknown nonlinearity."),
    };

    /// <summary>
    /// Kaiming (He et al., ICCV 2015) uniform: U(-b, b) with b = gain * sqrt(3 / fan). With
    /// <paramref name="a"/> = sqrt(5) and leaky ReLU this is PyTorch's default for Conv and Linear weights
    /// (b = 1/sqrt(fan_in)).
    /// </summary>
    /// <returns>The same tensor.</returns>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        double std = KaimingStd(tensor, a, mode, nonlinearity);
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>
    /// Kaiming normal: N(0, std^2) with std = gain / sqrt(fan). torchvision's ResNets use
    /// <c>kaiming_normal_(w, mode="fan_out", nonlinearity="relu")</c> for every conv.
    /// </summary>
    /// <returns>The same tensor.</returns>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null) =>
        Normal(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity), generator);

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ArgumentException($"Init: Kaiming initialisation of a tensor of shape {ShapeHelper.Format(tensor.Shape)} with a zero fan.", nameof(tensor));
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }

    /// <summary>Xavier/Glorot uniform: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1.0, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>Fills with <paramref name="value"/>.</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor Constant(Tensor tensor, float value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Data.Fill(value);
        return tensor;
    }

    /// <summary>Fills with zeros.</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);

    /// <summary>Fills with ones.</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    /// <summary>Fills with samples of N(mean, std^2).</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "Init.Normal: std must be non-negative.");
        (generator ?? Generator.Default).FillNormal(tensor.Data, (float)mean, (float)std);
        return tensor;
    }

    /// <summary>Fills with samples of U(low, high).</summary>
    /// <returns>The same tensor.</returns>
    public static Tensor Uniform(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!(low <= high)) throw new ArgumentOutOfRangeException(nameof(high), high, $"Init.Uniform: high must be at least low ({low}).");
        (generator ?? Generator.Default).FillUniform(tensor.Data, (float)low, (float)high);
        return tensor;
    }
}
