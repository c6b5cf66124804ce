namespace MLVideo.Bench.Harness;

/// <summary>Locates bench/python relative to the repository, whatever the working directory.</summary>
public static class BenchPaths
{
    /// <summary>Walks up from the executable until a folder holding bench/python/resnet_tsn.py is found.</summary>
    public static string PythonFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "python");
            if (File.Exists(Path.Combine(candidate, "resnet_tsn.py"))) return candidate;
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "bench", "python");
    }
}
