using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Readers;

[TestClass]
public sealed class BadVideoHandlerTests
{
    [TestMethod]
    public void Throw_Policy_PropagatesTypedException()
    {
        using var broken = new BrokenVideos();
        var backend = new VideoBackend();
        var handler = new BadVideoHandler(BadVideoPolicy.Throw, _ => Assert.Fail("nothing should be logged"));
        var e = Assert.ThrowsExactly<InvalidVideoException>(() => handler.TryRun(broken.TextAsMp4, () => backend.Probe(broken.TextAsMp4), out _));
        Assert.AreEqual(broken.TextAsMp4, e.FilePath);
    }

    [TestMethod]
    public void SkipAndLog_Policy_LogsEachBrokenFileAndReturnsFalse()
    {
        using var broken = new BrokenVideos();
        var backend = new VideoBackend();
        var log = new List<string>();
        var handler = new BadVideoHandler(BadVideoPolicy.SkipAndLog, log.Add);
        foreach (var (path, _) in broken.All)
            Assert.IsFalse(handler.TryRun(path, () => backend.Probe(path), out _), path);
        Assert.IsTrue(handler.TryRun(TestVideos.RawFrames, () => backend.Probe(TestVideos.RawFrames), out var info));
        Assert.AreEqual(10, info!.FrameCount);
        Assert.AreEqual(6, handler.SkippedCount);
        Assert.AreEqual(6, log.Count);
        foreach (var ((path, _), line) in broken.All.Zip(log)) StringAssert.Contains(line, path);
    }

    [TestMethod]
    public void SkipAndLog_MissingFfmpeg_StillThrows()
    {
        var backend = new VideoBackend(new VideoBackendOptions { FfprobePath = "/nonexistent/ffprobe" });
        var handler = new BadVideoHandler(BadVideoPolicy.SkipAndLog, _ => { });
        string path = TestVideos.PathOf("decord_video_0.mov");
        Assert.ThrowsExactly<FfmpegNotFoundException>(() => handler.TryRun(path, () => backend.Probe(path), out _));
    }
}
