namespace MLVideo.Trainers.Weights;

/// <summary>What an import did: the keys loaded, and every difference between the file and the model, by name.</summary>
public sealed class StateDictImportReport
{
    internal StateDictImportReport(string fileName, IReadOnlyList<string> loaded, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<MisShapedKey> misShaped, IReadOnlyDictionary<string, string> renamed)
    {
        FileName = fileName;
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
        Renamed = renamed;
    }

    /// <summary>The file that was read.</summary>
    public string FileName { get; }

    /// <summary>Model keys that received values.</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>Model keys the file does not provide (<c>num_batches_tracked</c> is never reported: it keeps its value).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>File keys (after prefix mapping) the model does not have.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Keys whose shapes differ; not copied (e.g. a classifier with another class count).</summary>
    public IReadOnlyList<MisShapedKey> MisShaped { get; }

    /// <summary>File key -> model key, for every key the mapping changed (prefixes stripped, aliases applied).</summary>
    public IReadOnlyDictionary<string, string> Renamed { get; }

    /// <summary>True when every model key was loaded and nothing was left over.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && MisShaped.Count == 0;
}
