using System.Diagnostics;
using System.Globalization;

namespace MLVideo.Estimators.Tests.Support;

/// <summary>Finds the programs in testhelpers/ that tests start as separate processes (built before the tests).</summary>
public static class TestHelperPrograms
{
    public static string Path(string project)
    {
        // The test binary lives in tests/<project>/bin/<Configuration>/<tfm>/; the helper in testhelpers/<project>/bin/<same>.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string tfm = output.Name, configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "testhelpers", project, "bin", configuration, tfm, project + ".dll");
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"The helper program {project}.dll was not found under testhelpers/{project}/bin/{configuration}/{tfm} above {output.FullName}; build the solution first.");
        return "";
    }

    /// <summary>
    /// Runs testhelpers/MLVideo.ModelLoadProcess (a fresh process that only calls ml.Model.Load) with the given
    /// arguments and returns the score rows it prints.
    /// </summary>
    public static float[][] RunModelLoader(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path("MLVideo.ModelLoadProcess"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();   // read both pipes at once, so neither can fill and block the child
        string output = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(180_000), "the loading process did not finish in 3 minutes");
        Assert.AreEqual(0, process.ExitCode, $"the loading process failed: {stderr.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
    }
}
