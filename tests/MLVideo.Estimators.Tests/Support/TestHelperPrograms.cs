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
}
