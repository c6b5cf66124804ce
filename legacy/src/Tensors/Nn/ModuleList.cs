using System.Collections;

namespace MLVideo.Tensors.Nn;

/// <summary>
/// A list of child modules named <c>"0"</c>, <c>"1"</c>, ..., PyTorch's <c>nn.ModuleList</c>: registers them for
/// parameters and state dict without defining a forward (the owner decides how they are called).
/// </summary>
public sealed class ModuleList : Module, IReadOnlyList<Module>
{
    private readonly List<Module> _items = new();

    /// <summary>Creates the list with the given modules.</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Appends a module, named by its position.</summary>
    /// <returns>This list.</returns>
    public ModuleList Add(Module module)
    {
        _items.Add(RegisterModule(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>Number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The module at position <paramref name="index"/>.</summary>
    public Module this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
