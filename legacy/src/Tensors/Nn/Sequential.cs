using System.Collections;

namespace MLVideo.Tensors.Nn;

/// <summary>
/// Children applied in order, PyTorch's <c>nn.Sequential</c>. Unnamed children get the keys <c>"0"</c>,
/// <c>"1"</c>, ... (torchvision's <c>downsample.0.weight</c>); named children keep their names.
/// </summary>
public sealed class Sequential : Module, IReadOnlyList<Module>
{
    private readonly List<Module> _ordered = new();

    /// <summary>Creates the container with children named by position.</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Append(m);
    }

    /// <summary>Creates the container with named children (PyTorch's <c>Sequential(OrderedDict(...))</c>).</summary>
    public Sequential(params (string Name, Module Module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, module) in modules) _ordered.Add(RegisterModule(name, module));
    }

    /// <summary>Adds a child named by its position.</summary>
    /// <returns>This container.</returns>
    public Sequential Append(Module module)
    {
        _ordered.Add(RegisterModule(_ordered.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>Number of children.</summary>
    public int Count => _ordered.Count;

    /// <summary>The child at position <paramref name="index"/>.</summary>
    public Module this[int index] => _ordered[index];

    /// <summary>Feeds the input through each child in order.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var m in _ordered) x = m.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _ordered.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
