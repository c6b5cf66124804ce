using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// The content of a safetensors file read by <see cref="SafeTensorsReader"/>: the <c>__metadata__</c> dictionary, the
/// tensor records in file order, and the data block, from which tensors are created on demand.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly byte[] _data;
    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    internal SafeTensorsFile(string sourceName, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> entries, byte[] data)
    {
        SourceName = sourceName;
        Metadata = metadata;
        Entries = entries;
        _data = data;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>The file (or stream) name it was read from.</summary>
    public string SourceName { get; }

    /// <summary>The string-to-string metadata (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor records, in file order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>True if the file has a tensor of that name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The record of a tensor.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafeTensorsEntry this[string name] =>
        _byName.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"{SourceName}: no tensor named '{name}'.");

    /// <summary>A new CPU tensor holding the named tensor's values (its own copy of the bytes).</summary>
    public Tensor ToTensor(string name)
    {
        var entry = this[name];
        var (type, _) = SafeTensorsDType.FromCode(entry.DType)!.Value;
        var tensor = torch.empty(entry.Shape, type);
        if (entry.End > entry.Begin) tensor.bytes = _data.AsSpan((int)entry.Begin, (int)(entry.End - entry.Begin));
        return tensor;
    }

    /// <summary>Every tensor, in file order, as new CPU tensors (the caller owns them).</summary>
    public List<KeyValuePair<string, Tensor>> ToTensors() => Entries.Select(e => KeyValuePair.Create(e.Name, ToTensor(e.Name))).ToList();
}
