using System.Text.Json;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// The PyTorch reference fixtures (shared/fixtures/README.md): the folder named by MLVIDEO_FIXTURES, else the first
/// <c>shared/fixtures</c> found walking up from the test binary (so it works in a worktree under /work and in a CI
/// clone with ../shared beside it). Cases are taken from its manifest.json. Anything missing fails the test, naming it.
/// </summary>
internal static class FixtureFolder
{
    public const string EnvironmentVariable = "MLVIDEO_FIXTURES";

    private static readonly Lazy<(string Folder, Dictionary<string, JsonElement> Cases)> Manifest = new(LoadManifest);

    /// <summary>The fixture folder (fails the test when it cannot be found).</summary>
    public static string Path => Manifest.Value.Folder;

    /// <summary>Opens a case listed in the manifest; fails the test when the case or its file is missing.</summary>
    public static FixtureCase Open(string caseName)
    {
        var (folder, cases) = Manifest.Value;
        if (!cases.TryGetValue(caseName, out var entry))
            Assert.Fail($"Fixture case '{caseName}' is not listed in {System.IO.Path.Combine(folder, "manifest.json")}.");
        string file = System.IO.Path.Combine(folder, entry.GetProperty("file").GetString()!);
        if (!File.Exists(file)) Assert.Fail($"Fixture case '{caseName}': its file {file} is missing.");
        return new FixtureCase(caseName, file, entry);
    }

    private static (string, Dictionary<string, JsonElement>) LoadManifest()
    {
        string folder = Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);
        string manifestPath = System.IO.Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath)) Assert.Fail($"The fixture folder {folder} has no manifest.json.");
        using var document = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var cases = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
            cases[c.GetProperty("case").GetString()!] = c.Clone();
        return (folder, cases);
    }

    /// <summary>The folder named by <paramref name="env"/>, else <c>shared/fixtures</c> beside <paramref name="startFolder"/> or an ancestor.</summary>
    internal static string Locate(string? env, string startFolder)
    {
        if (!string.IsNullOrEmpty(env))
        {
            if (!Directory.Exists(env)) Assert.Fail($"{EnvironmentVariable} names {env}, which is not a folder.");
            return env;
        }
        for (var d = new DirectoryInfo(startFolder); d is not null; d = d.Parent)
        {
            string candidate = System.IO.Path.Combine(d.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"The PyTorch fixtures were not found: set {EnvironmentVariable}, or put shared/fixtures beside an ancestor of {startFolder}.");
        return null!;
    }
}
