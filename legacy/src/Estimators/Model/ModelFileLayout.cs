using System.Globalization;

namespace MLVideo.Model;

/// <summary>Names inside a model .zip (documented in docs/model-format.md).</summary>
internal static class ModelFileLayout
{
    public const string FormatName = "MLVideo.Model";
    public const int FormatVersion = 1;
    public const string Manifest = "manifest.json";
    public const string Schema = "schema.json";
    public const string StepsFolder = "steps/";
    public const string StepOptions = "step.json";
    public const string StepTensors = "tensors.safetensors";

    /// <summary>The folder of step <paramref name="index"/>: <c>steps/000-Kind/</c>.</summary>
    public static string StepFolder(int index, string kind) => $"{StepsFolder}{index.ToString("D3", CultureInfo.InvariantCulture)}-{kind}/";

    /// <summary>The library version written to manifests.</summary>
    public static string LibraryVersion => typeof(ModelFileLayout).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>
    /// Whether an entry name is safe: relative, forward slashes, no <c>..</c> or <c>.</c> segments, no
    /// drive letters or control characters. Unsafe names are rejected even though nothing is extracted.
    /// </summary>
    public static bool IsSafeEntryName(string name)
    {
        if (name.Length == 0 || name.Length > 512 || name[0] == '/' || name.Contains('\\') || name.Contains(':')) return false;
        if (name.Any(char.IsControl)) return false;
        foreach (var segment in name.Split('/'))
            if (segment is ".." or ".") return false;
        return true;
    }
}
