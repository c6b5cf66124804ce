using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Optim;

namespace MLVideo.Trainers.Training;

/// <summary>
/// The parameter groups of the official TSN/TSM/GSF code (<c>get_optim_policies</c>, with <c>--npb</c>): conv and
/// linear weights at the base learning rate with weight decay; biases at twice the rate without decay; batch-norm
/// (and layer-norm) scales and shifts at the base rate without decay.
/// </summary>
public static class OfficialParameterGroups
{
    /// <summary>Builds the three groups (empty groups are left out) for an SGD optimiser.</summary>
    /// <param name="model">The model.</param>
    /// <param name="learningRate">Base learning rate.</param>
    /// <param name="weightDecay">Weight decay of the weights group.</param>
    public static IReadOnlyList<ParameterGroup> Create(Module model, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(model);
        var weights = new List<Tensor>();
        var biases = new List<Tensor>();
        var norms = new List<Tensor>();
        foreach (var (_, module) in model.NamedModules())
        {
            bool isNorm = module is BatchNorm or LayerNorm;
            foreach (var (name, parameter) in module.NamedOwnParameters())
            {
                if (!parameter.RequiresGrad) continue;
                if (isNorm) norms.Add(parameter);
                else if (name == "bias") biases.Add(parameter);
                else weights.Add(parameter);
            }
        }
        var groups = new List<ParameterGroup>(3);
        if (weights.Count > 0) groups.Add(new ParameterGroup(weights, learningRate, weightDecay, name: "weights"));
        if (biases.Count > 0) groups.Add(new ParameterGroup(biases, 2 * learningRate, 0, name: "biases"));
        if (norms.Count > 0) groups.Add(new ParameterGroup(norms, learningRate, 0, name: "norms"));
        return groups;
    }
}
