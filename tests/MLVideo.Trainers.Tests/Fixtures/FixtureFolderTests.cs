namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>The fixture lookup fails loudly, naming what is missing.</summary>
[TestClass]
public sealed class FixtureFolderTests
{
    [TestMethod]
    public void Locate_EnvironmentNamesMissingFolder_FailsNamingIt()
    {
        var e = Assert.ThrowsExactly<AssertFailedException>(() => FixtureFolder.Locate("/nonexistent/fixtures", AppContext.BaseDirectory));
        StringAssert.Contains(e.Message, "MLVIDEO_FIXTURES");
        StringAssert.Contains(e.Message, "/nonexistent/fixtures");
    }

    [TestMethod]
    public void Locate_NoSharedFolderUpTheTree_FailsSayingWhatIsMissing()
    {
        string root = Path.Combine(Path.GetTempPath(), "mlvideo-nofixtures-" + Guid.NewGuid().ToString("N"), "a", "b");
        Directory.CreateDirectory(root);
        try
        {
            // /tmp has no shared/fixtures above it on any machine we run on.
            var e = Assert.ThrowsExactly<AssertFailedException>(() => FixtureFolder.Locate(null, root));
            StringAssert.Contains(e.Message, "shared/fixtures");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(root))!, recursive: true);
        }
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void Open_CaseNotInManifest_FailsNamingIt()
    {
        var e = Assert.ThrowsExactly<AssertFailedException>(() => FixtureFolder.Open("no_such_case"));
        StringAssert.Contains(e.Message, "no_such_case");
    }
}
