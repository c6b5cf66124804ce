using System.Text.Json;
using MLVideo.Trainers.Training;
using MLVideo.Trainers.Weights;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>
/// The PyTorch reference fixtures: the folder named by MLVIDEO_FIXTURES, else shared/fixtures found by walking up from
/// the test binary. A missing folder or case fails the test, saying what is missing.
/// </summary>
internal static class TrainingFixtures
{
    public static string Folder()
    {
        if (Environment.GetEnvironmentVariable("MLVIDEO_FIXTURES") is { Length: > 0 } named)
        {
            if (!Directory.Exists(named)) Assert.Fail($"MLVIDEO_FIXTURES names '{named}', which does not exist.");
            return named;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"The PyTorch fixtures are missing: set MLVIDEO_FIXTURES or provide shared/fixtures above {AppContext.BaseDirectory}.");
        return "";
    }

    public static SafeTensorsFile Open(string caseName)
    {
        string path = Path.Combine(Folder(), caseName + ".safetensors");
        if (!File.Exists(path)) Assert.Fail($"Fixture case '{caseName}' is missing: no {path}.");
        return SafeTensorsReader.Open(path);
    }

    public static JsonElement Config(SafeTensorsFile file) => JsonDocument.Parse(file.Metadata["config"]).RootElement;

    /// <summary>The README's rule: |ours - ref| &lt;= atol_per_tensor[k] + rtol |ref| for every element.</summary>
    public static void AssertClose(SafeTensorsFile file, string name, Tensor actual)
    {
        var tolerance = JsonDocument.Parse(file.Metadata["tolerance"]).RootElement;
        double rtol = tolerance.GetProperty("rtol").GetDouble();
        double atol = tolerance.GetProperty("atol_per_tensor").TryGetProperty(name, out var a) ? a.GetDouble() : tolerance.GetProperty("atol").GetDouble();
        using var expected = file.ToTensor(name);
        CollectionAssert.AreEqual(expected.shape, actual.shape, $"{file.SourceName} {name}: shape");
        using var scope = NewDisposeScope();
        var excess = (actual.cpu() - expected).abs() - (expected.abs() * rtol + atol);
        double worst = excess.max().item<float>();
        Assert.IsTrue(worst <= 0, $"{Path.GetFileName(file.SourceName)} {name}: exceeds atol {atol} + rtol {rtol}*|ref| by up to {worst:G3}");
    }
}
