using System.Globalization;

namespace MLVideo.Transforms.Readers;

/// <summary>
/// Reads mmaction2 annotation lists. Fields are separated by whitespace, or by tabs only when the line holds a tab
/// (so paths with spaces can be listed tab-separated). Blank lines and lines starting with '#' are ignored.
/// </summary>
public static class AnnotationListReader
{
    /// <summary>Reads <paramref name="listFile"/>; relative paths are resolved against <paramref name="dataRoot"/> (default: the list's folder).</summary>
    /// <exception cref="FormatException">A malformed line; the message gives file, line number and the line.</exception>
    public static IReadOnlyList<VideoListEntry> Read(string listFile, AnnotationListFormat format, string? dataRoot = null, bool multiLabel = false)
    {
        if (!File.Exists(listFile)) throw new FileNotFoundException($"Annotation list '{listFile}' not found.", listFile);
        string root = dataRoot ?? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(listFile)) ?? ".";
        var entries = new List<VideoListEntry>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(listFile))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string[] f = line.Contains('\t')
                ? line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int numbers = format switch { AnnotationListFormat.Videos => 0, AnnotationListFormat.FrameFolders => 1, _ => 2 };
            if (f.Length < 2 + numbers) Fail(listFile, lineNumber, raw, $"expected {Describe(format)}");
            int offset = 0;
            int? total = null;
            if (format == AnnotationListFormat.FrameFoldersWithOffset) offset = Int(f[1], listFile, lineNumber, raw, "offset");
            if (format != AnnotationListFormat.Videos) total = Int(f[numbers], listFile, lineNumber, raw, "total frames");
            var labels = f.Skip(1 + numbers).Select(x => Int(x, listFile, lineNumber, raw, "label")).ToArray();
            if (!multiLabel && labels.Length != 1) Fail(listFile, lineNumber, raw, $"expected one label, found {labels.Length} (pass multiLabel: true for multi-label lists)");
            if (labels.Any(l => l < 0)) Fail(listFile, lineNumber, raw, "labels must be non-negative");
            if (total is <= 0) Fail(listFile, lineNumber, raw, "total frames must be positive");
            entries.Add(new VideoListEntry(System.IO.Path.Combine(root, f[0]), labels, offset, total, lineNumber));
        }
        return entries;
    }

    private static string Describe(AnnotationListFormat format) => format switch
    {
        AnnotationListFormat.Videos => "'path label'",
        AnnotationListFormat.FrameFolders => "'frame_dir total_frames label'",
        _ => "'frame_dir offset total_frames label'",
    };

    private static int Int(string text, string file, int line, string raw, string what)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) Fail(file, line, raw, $"{what} '{text}' is not an integer");
        return v;
    }

    private static void Fail(string file, int line, string raw, string why) =>
        throw new FormatException($"Annotation list '{file}' line {line}: {why}: \"{raw}\"");
}
