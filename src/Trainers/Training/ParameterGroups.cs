using TorchSharp;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Splits a model's trainable parameters into optimiser groups, read from the parameter names and shapes alone, so
/// any module built with PyTorch's state-dict names gets the official policy without knowing its layer types.
/// </summary>
public static class ParameterGroups
{
    /// <summary>Name of the group that holds every parameter under <see cref="ParameterGrouping.Single"/>.</summary>
    public const string AllParameters = "all";

    /// <summary>Builds the groups of <paramref name="grouping"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="grouping">The policy.</param>
    /// <param name="boostClassifier">Only for <see cref="ParameterGrouping.Official"/>: put linear layers in <c>lr5_weight</c>/<c>lr10_bias</c>.</param>
    public static IReadOnlyList<ParameterGroup> Create(torch.nn.Module model, ParameterGrouping grouping, bool boostClassifier) => grouping switch
    {
        ParameterGrouping.Official => Official(model, boostClassifier),
        ParameterGrouping.Single => Single(model),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown parameter grouping."),
    };

    /// <summary>Every trainable parameter in one group at the base learning rate with the full weight decay.</summary>
    /// <param name="model">The model.</param>
    public static IReadOnlyList<ParameterGroup> Single(torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = Trainable(model).Select(p => p.Name).ToList();
        return names.Count == 0 ? [] : [new ParameterGroup(AllParameters, names, 1, 1)];
    }

    /// <summary>
    /// The groups of the official TSN/TSM/GSF code (<c>get_optim_policies</c> with <c>--npb</c>, methods.md §0.3), empty
    /// groups left out, in the official order:
    /// <list type="table">
    /// <item><term>first_conv_weight</term><description>weight of the first convolution: lr x1, decay x1</description></item>
    /// <item><term>first_conv_bias</term><description>its bias: lr x2, no decay</description></item>
    /// <item><term>normal_weight</term><description>other conv (and, without the boost, linear) weights: lr x1, decay x1</description></item>
    /// <item><term>normal_bias</term><description>their biases: lr x2, no decay</description></item>
    /// <item><term>lr5_weight</term><description>linear weights (the new classifier) when boosted: lr x5, decay x1</description></item>
    /// <item><term>lr10_bias</term><description>their biases: lr x10, no decay</description></item>
    /// <item><term>bn</term><description>normalisation scales and shifts: lr x1, no decay</description></item>
    /// <item><term>custom_ops</term><description>any other parameter: lr x1, decay x1</description></item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Read from names and shapes: a module whose <c>weight</c> is 1-D is a normalisation layer (batch, layer or group
    /// norm); a <c>weight</c> of 3 or more dimensions is a convolution, and the first one in registration order is the
    /// first convolution; a 2-D <c>weight</c> is a linear layer. The official code boosts every linear layer when
    /// <c>fc_lr5</c> is set, which it is unless fine-tuning from a model of the same dataset.
    /// </remarks>
    /// <param name="model">The model.</param>
    /// <param name="boostClassifier">Linear layers at x5 (weights) and x10 (biases), the official <c>fc_lr5</c>.</param>
    public static IReadOnlyList<ParameterGroup> Official(torch.nn.Module model, bool boostClassifier = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parameters = Trainable(model);
        // The rank of each module's weight tells its kind; a bias is classified with its module's weight.
        var weightRank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, rank) in parameters)
        {
            var (owner, leaf) = Split(name);
            if (leaf == "weight") weightRank[owner] = rank;
        }
        string? firstConv = parameters.Where(p => Split(p.Name).Leaf == "weight" && p.Rank >= 3).Select(p => Split(p.Name).Owner).FirstOrDefault();

        var buckets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, _) in parameters)
        {
            var (owner, leaf) = Split(name);
            int rank = weightRank.GetValueOrDefault(owner, -1);
            string group = (leaf, rank) switch
            {
                ("weight" or "bias", 1) => "bn",
                ("weight", _) when owner == firstConv => "first_conv_weight",
                ("bias", _) when owner == firstConv => "first_conv_bias",
                ("weight", 2) => boostClassifier ? "lr5_weight" : "normal_weight",
                ("bias", 2) => boostClassifier ? "lr10_bias" : "normal_bias",
                ("weight", >= 3) => "normal_weight",
                ("bias", >= 3) => "normal_bias",
                _ => "custom_ops",
            };
            if (!buckets.TryGetValue(group, out var list)) buckets[group] = list = [];
            list.Add(name);
        }
        var groups = new List<ParameterGroup>();
        foreach (var (group, lr, decay) in OfficialPolicy)
            if (buckets.TryGetValue(group, out var names)) groups.Add(new ParameterGroup(group, names, lr, decay));
        return groups;
    }

    // get_optim_policies' order and multipliers (temporal-shift-module ops/models.py; GSF keeps them).
    private static readonly (string Name, double LearningRate, double Decay)[] OfficialPolicy =
    [
        ("first_conv_weight", 1, 1),
        ("first_conv_bias", 2, 0),
        ("normal_weight", 1, 1),
        ("normal_bias", 2, 0),
        ("lr5_weight", 5, 1),
        ("lr10_bias", 10, 0),
        ("bn", 1, 0),
        ("custom_ops", 1, 1),
    ];

    private static List<(string Name, int Rank)> Trainable(torch.nn.Module model) =>
        model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (int)p.parameter.dim())).ToList();

    private static (string Owner, string Leaf) Split(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot < 0 ? ("", name) : (name[..dot], name[(dot + 1)..]);
    }
}
