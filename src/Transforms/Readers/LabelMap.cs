using MLVideo.Transforms.Readers;

namespace MLVideo;

/// <summary>Class names by id: a label-map file has one name per line and the id is the 0-based line number (mmaction2 label_map_*.txt).</summary>
public sealed class LabelMap
{
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a map from names in id order; names must be unique and non-empty.</summary>
    public LabelMap(IEnumerable<string> names)
    {
        Names = names.ToArray();
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Names[i])) throw new FormatException($"Label map: class {i} has an empty name.");
            if (!_ids.TryAdd(Names[i], i)) throw new FormatException($"Label map: class name '{Names[i]}' appears twice (ids {_ids[Names[i]]} and {i}).");
        }
    }

    /// <summary>Reads a label-map file; trailing blank lines are ignored, a blank line inside is an error.</summary>
    public static LabelMap Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Label map '{path}' not found.", path);
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        try { return new LabelMap(lines); }
        catch (FormatException e) { throw new FormatException($"Label map '{path}': {e.Message}", e); }
    }

    /// <summary>Class names in id order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of classes.</summary>
    public int Count => Names.Count;

    /// <summary>The name of class <paramref name="id"/>.</summary>
    public string this[int id] => (uint)id < (uint)Names.Count ? Names[id]
        : throw new ArgumentOutOfRangeException(nameof(id), $"Label map has {Names.Count} classes; id {id} is out of range.");

    /// <summary>The id of <paramref name="name"/>.</summary>
    public int IdOf(string name) => _ids.TryGetValue(name, out int id) ? id : throw new KeyNotFoundException($"Label map has no class '{name}'.");
}
