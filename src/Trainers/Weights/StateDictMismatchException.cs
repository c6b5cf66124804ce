namespace MLVideo.Trainers.Weights;

/// <summary>A strict import found keys that are missing, unexpected or mis-shaped; nothing was copied.</summary>
public sealed class StateDictMismatchException : Exception
{
    private const int ListedPerKind = 12;

    /// <summary>Creates the exception from the import's findings.</summary>
    public StateDictMismatchException(StateDictImportReport report)
        : base(Describe(report ?? throw new ArgumentNullException(nameof(report))))
    {
        Report = report;
    }

    /// <summary>The file that was read.</summary>
    public string FileName => Report.FileName;

    /// <summary>Model keys the file lacks.</summary>
    public IReadOnlyList<string> Missing => Report.Missing;

    /// <summary>File keys the model lacks.</summary>
    public IReadOnlyList<string> Unexpected => Report.Unexpected;

    /// <summary>Keys with different shapes.</summary>
    public IReadOnlyList<MisShapedKey> MisShaped => Report.MisShaped;

    /// <summary>The full findings.</summary>
    public StateDictImportReport Report { get; }

    private static string Describe(StateDictImportReport r)
    {
        var parts = new List<string>();
        if (r.Missing.Count > 0) parts.Add($"missing {r.Missing.Count} ({List(r.Missing)})");
        if (r.Unexpected.Count > 0) parts.Add($"unexpected {r.Unexpected.Count} ({List(r.Unexpected)})");
        if (r.MisShaped.Count > 0) parts.Add($"mis-shaped {r.MisShaped.Count} ({List(r.MisShaped.Select(m => m.ToString()).ToList())})");
        return $"{r.FileName}: the weights do not fit the model: {string.Join("; ", parts)}. Nothing was loaded; import non-strictly to load the keys that fit.";
    }

    private static string List(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Take(ListedPerKind)) + (keys.Count > ListedPerKind ? $", ... {keys.Count - ListedPerKind} more" : "");
}
