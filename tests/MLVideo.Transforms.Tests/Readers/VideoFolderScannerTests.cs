using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Readers;

[TestClass]
public sealed class VideoFolderScannerTests
{
    [TestMethod]
    public void Scan_ClassFolders_OrderedWithFrameFolders()
    {
        string root = TestVideos.NewTempFolder();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "waving"));
            Directory.CreateDirectory(Path.Combine(root, "clapping", "clip3"));
            Directory.CreateDirectory(Path.Combine(root, ".hidden"));
            File.WriteAllBytes(Path.Combine(root, "waving", "b.MP4"), [1]);
            File.WriteAllBytes(Path.Combine(root, "waving", "a.webm"), [1]);
            File.WriteAllBytes(Path.Combine(root, "waving", "notes.txt"), [1]);
            File.WriteAllBytes(Path.Combine(root, "clapping", "x.avi"), [1]);
            File.WriteAllBytes(Path.Combine(root, "clapping", "clip3", "img_00001.jpg"), [1]);
            File.WriteAllBytes(Path.Combine(root, ".hidden", "z.mp4"), [1]);
            var entries = VideoFolderScanner.Scan(root);
            CollectionAssert.AreEqual(new[] { "clapping/clip3", "clapping/x.avi", "waving/a.webm", "waving/b.MP4" },
                entries.Select(e => Path.GetRelativePath(root, e.Path).Replace('\\', '/')).ToArray());
            CollectionAssert.AreEqual(new[] { "clapping", "clapping", "waving", "waving" }, entries.Select(e => e.ClassName).ToArray());
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Scan_EmptyOrMissing_Throws()
    {
        string root = TestVideos.NewTempFolder();
        try
        {
            Assert.ThrowsExactly<InvalidDataException>(() => VideoFolderScanner.Scan(root));
            Assert.ThrowsExactly<DirectoryNotFoundException>(() => VideoFolderScanner.Scan(Path.Combine(root, "nope")));
        }
        finally { Directory.Delete(root, true); }
    }
}
