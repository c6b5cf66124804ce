namespace MLVideo.Tensors.Nn;

/// <summary>
/// What 2-D and 3-D convolutions share: channels, groups, the <c>weight</c> [out, in/groups, k...] and optional
/// <c>bias</c> [out] parameters, and PyTorch's default initialisation (Kaiming uniform with a = sqrt(5), i.e.
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for both weight and bias).
/// </summary>
public abstract class Convolution : Module
{
    /// <summary>Registers the parameters and initialises them as PyTorch's <c>_ConvNd.reset_parameters</c>.</summary>
    /// <param name="inChannels">Input channels C_in.</param>
    /// <param name="outChannels">Output channels C_out.</param>
    /// <param name="kernel">Kernel extent per spatial axis.</param>
    /// <param name="groups">Groups (C_in and C_out must be divisible by it).</param>
    /// <param name="bias">Whether to add a learned bias (no <c>bias</c> key otherwise).</param>
    /// <param name="generator">Random source for the initialisation.</param>
    protected Convolution(int inChannels, int outChannels, int[] kernel, int groups, bool bias, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        string name = GetType().Name;
        if (inChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"{name}: inChannels must be positive.");
        if (outChannels <= 0) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, $"{name}: outChannels must be positive.");
        if (groups <= 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{name}: groups must be positive.");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{name}: inChannels {inChannels} and outChannels {outChannels} must both be divisible by groups {groups}.", nameof(groups));
        foreach (int k in kernel)
            if (k <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), $"{name}: kernel size {ShapeHelper.Format(kernel)} must be positive.");

        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        int[] weightShape = [outChannels, inChannels / groups, .. kernel];
        Weight = RegisterParameter("weight", new Tensor(weightShape));
        Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (bias)
        {
            Bias = RegisterParameter("bias", new Tensor(outChannels));
            double bound = 1.0 / Math.Sqrt(Init.CalculateFans(Weight).FanIn);
            Init.Uniform(Bias, -bound, bound, generator);
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Number of groups (InChannels for a depthwise convolution).</summary>
    public int Groups { get; }

    /// <summary>The <c>weight</c> parameter [out, in/groups, k...].</summary>
    public Tensor Weight { get; }

    /// <summary>The <c>bias</c> parameter [out], or null when the layer has none.</summary>
    public Tensor? Bias { get; }

    /// <summary>PyTorch's <c>_ConvNd.extra_repr</c>: padding, dilation and groups only when not the default.</summary>
    private protected string ConvolutionRepr(string kernel, string stride, string padding, bool zeroPadding, string dilation, bool unitDilation)
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size={kernel}, stride={stride}";
        if (!zeroPadding) s += $", padding={padding}";
        if (!unitDilation) s += $", dilation={dilation}";
        if (Groups != 1) s += $", groups={Groups}";
        if (Bias is null) s += ", bias=False";
        return s;
    }

    /// <summary>Checks rank and channel count before the functional op runs, naming the layer and the shapes.</summary>
    /// <exception cref="ShapeMismatchException">The input has the wrong rank or channel count.</exception>
    protected void CheckInput(Tensor input, int rank, string layout)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != rank)
            throw new ShapeMismatchException($"{GetType().Name}: expected a {rank}-D {layout} input, got {ShapeHelper.Format(input.Shape)}.");
        if (input.Size(1) != InChannels)
            throw new ShapeMismatchException($"{GetType().Name}: input {ShapeHelper.Format(input.Shape)} has {input.Size(1)} channels but the layer expects {InChannels} (weight {ShapeHelper.Format(Weight.Shape)}, groups {Groups}).");
    }
}
