using System.Text;

namespace MLVideo.Transforms.Tests.Support;

/// <summary>One row of shared/data/videos/ground_truth.csv (ffprobe/ffmpeg facts per file).</summary>
internal sealed record GroundTruthRow(string File, int OutWidth, int OutHeight, int Rotation, int PassthroughFrames, string FirstFrameMd5, long Size);

/// <summary>
/// Finds the real sample videos: small ones are copied into TestData/videos; larger ones are read from the shared
/// data folder (found by walking up to a "shared/data/videos" folder, or MLVIDEO_SHARED_VIDEOS). A missing file fails the test.
/// </summary>
internal static class TestVideos
{
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string LocalFolder => Path.Combine(TestData, "videos");

    public static string RawFrames => Path.Combine(TestData, "rawframes", "mmaction2_imgs");

    public static string Annotations => Path.Combine(TestData, "annotations");

    public static string PathOf(string file)
    {
        string local = Path.Combine(LocalFolder, file);
        if (File.Exists(local)) return local;
        string? shared = SharedFolder();
        if (shared is not null && File.Exists(Path.Combine(shared, file))) return Path.Combine(shared, file);
        Assert.Fail($"Test video '{file}' is missing: it is not in TestData/videos and no shared/data/videos folder holding it was found " +
                    "(walked up from the test output; or set MLVIDEO_SHARED_VIDEOS).");
        return "";
    }

    public static string? SharedFolder()
    {
        string? env = Environment.GetEnvironmentVariable("MLVIDEO_SHARED_VIDEOS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "videos"), Path.Combine(dir.FullName, "..", "shared", "data", "videos") })
                if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    public static IReadOnlyList<GroundTruthRow> GroundTruth()
    {
        string[] lines = File.ReadAllLines(Path.Combine(LocalFolder, "ground_truth.csv"));
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
