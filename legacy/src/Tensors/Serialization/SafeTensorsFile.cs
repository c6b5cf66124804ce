namespace MLVideo.Tensors.Serialization;

/// <summary>The tensors and metadata of one safetensors file.</summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    internal SafeTensorsFile(List<SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
        _byName = entries.ToDictionary(e => e.Name);
    }

    /// <summary>The tensors in file (data offset) order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map (empty if absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor names in file order.</summary>
    public IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>True if a tensor of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The entry of that name, or a KeyNotFoundException naming it.</summary>
    public SafeTensorsEntry this[string name] =>
        _byName.TryGetValue(name, out var e) ? e : throw new KeyNotFoundException($"Safetensors file has no tensor named '{name}'.");

    /// <summary>The named tensor as float32.</summary>
    public Tensor GetTensor(string name) => this[name].ToTensor();

    /// <summary>All tensors as float32, in file order.</summary>
    public Dictionary<string, Tensor> ToTensors() => Entries.ToDictionary(e => e.Name, e => e.ToTensor());
}
