using System.Text;

namespace MLVideo.Transforms.Tests.Support;

/// <summary>One row of shared/data/videos/ground_truth.csv (ffprobe/ffmpeg facts per file).</summary>
internal sealed record GroundTruthRow(string File, int OutWidth, int OutHeight, int Rotation, int PassthroughFrames, string FirstFrameMd5, long Size);

/// <summary>
/// Finds the real sample videos, their annotation lists and frame folders in the shared data folder, found by walking up
/// from the test output to a folder holding <c>shared/data/videos</c>. A missing folder or file fails the test, saying what is missing.
/// </summary>
internal static class TestVideos
{
    private static readonly Lazy<string> Shared = new(FindSharedFolder);

    /// <summary>Files that ship with this test project (resize references).</summary>
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The shared sample-video folder (shared/data/videos).</summary>
    public static string SharedFolder => Shared.Value;

    /// <summary>mmaction2's test frame folder: img_00001..10.jpg, x_/y_00001..5.jpg.</summary>
    public static string RawFrames => Path.Combine(SharedFolder, "rawframes", "mmaction2_imgs");

    /// <summary>mmaction2 and PaddleVideo list files, label maps.</summary>
    public static string Annotations => Path.Combine(SharedFolder, "annotations");

    public static string PathOf(string file)
    {
        string path = Path.Combine(SharedFolder, file);
        if (!File.Exists(path)) Assert.Fail($"Test video '{file}' is missing from the shared sample folder '{SharedFolder}'.");
        return path;
    }

    private static string FindSharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "videos");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"The sample videos are missing: no folder 'shared/data/videos' was found above '{AppContext.BaseDirectory}'.");
        return "";
    }

    public static IReadOnlyList<GroundTruthRow> GroundTruth()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SharedFolder, "ground_truth.csv"));
        string[] header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name) is int i and >= 0 ? i : throw new InvalidDataException($"ground_truth.csv has no column {name}");
        var rows = new List<GroundTruthRow>();
        foreach (string line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] f = SplitCsv(line);
            rows.Add(new GroundTruthRow(f[Col("file")], int.Parse(f[Col("out_w")]), int.Parse(f[Col("out_h")]),
                string.IsNullOrEmpty(f[Col("rotation")]) ? 0 : int.Parse(f[Col("rotation")]),
                (int)double.Parse(f[Col("pt_frames")], System.Globalization.CultureInfo.InvariantCulture), f[Col("ff_md5")], long.Parse(f[Col("size")])));
        }
        return rows;
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }

    /// <summary>A fresh temporary folder deleted by the caller.</summary>
    public static string NewTempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlvideo-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
