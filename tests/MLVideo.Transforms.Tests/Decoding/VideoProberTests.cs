using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Decoding;

[TestClass]
public sealed class VideoProberTests
{
    [TestMethod]
    public void ProbeAndDecode_EachBrokenInput_ThrowsInvalidVideoNamingTheFile()
    {
        var backend = new VideoBackend(new VideoBackendOptions { Timeout = TimeSpan.FromSeconds(30) });
        using var broken = new BrokenVideos();
        var report = new List<string>();
        foreach (var (path, _) in broken.All)
        {
            var e = Assert.ThrowsExactly<InvalidVideoException>(() =>
            {
                VideoInfo info = backend.Probe(path);
                backend.ReadFrames(info, [0, info.FrameCount / 2, info.FrameCount - 1]);
            }, path);
            StringAssert.Contains(e.Message, path);
            Assert.AreEqual(path, e.FilePath);
            report.Add($"{Path.GetFileName(path)} -> {e.Reason}: {e.Message}");
        }
        Console.WriteLine(string.Join("\n", report));
    }

    [TestMethod]
    public void Probe_BrokenInputs_GiveTheExpectedReasons()
    {
        var backend = new VideoBackend();
        using var broken = new BrokenVideos();
        foreach (var (path, reason) in broken.All)
        {
            if (path == broken.Truncated) continue; // truncation may surface at probe or at decode; covered above
            var e = Assert.ThrowsExactly<InvalidVideoException>(() => backend.Probe(path), path);
            Assert.AreEqual(reason, e.Reason, e.Message);
        }
    }

    [TestMethod]
    public void Decode_Timeout_KillsFfmpegAndThrowsTimeout()
    {
        var backend = new VideoBackend(new VideoBackendOptions { Timeout = TimeSpan.FromMilliseconds(1) });
        string path = TestVideos.PathOf("mmskeleton_ta_chi.mp4");
        VideoInfo info = new VideoBackend().Probe(path);
        var e = Assert.ThrowsExactly<InvalidVideoException>(() => backend.ReadAllFrames(info));
        Assert.AreEqual(InvalidVideoReason.Timeout, e.Reason);
        StringAssert.Contains(e.Message, path);
    }
}
