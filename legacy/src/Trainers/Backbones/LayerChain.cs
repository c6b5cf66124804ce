using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// Children named <c>"0"</c>, <c>"1"</c>, ... applied in order, like <c>nn.Sequential</c>, but always calling the
/// CURRENT children: a method that wraps one of them with <see cref="Module.ReplaceModule"/> (TSM wraps
/// <c>conv.0</c> of a MobileNetV2 block, giving <c>conv.0.net.0.weight</c>) changes what the chain runs.
/// </summary>
public sealed class LayerChain : Module
{
    /// <summary>Creates the chain with children named by position.</summary>
    public LayerChain(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        for (int i = 0; i < modules.Length; i++)
            RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), modules[i]);
    }

    /// <summary>Number of children.</summary>
    public int Count => Children().Count();

    /// <summary>The child at position <paramref name="index"/>.</summary>
    public Module this[int index] => Children().ElementAt(index);

    /// <summary>Feeds the input through each child in order.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var child in Children()) x = child.Forward(x);
        return x;
    }
}
