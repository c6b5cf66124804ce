using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Ffmpeg;

[TestClass]
public sealed class ProcessHygieneTests
{
    [TestMethod]
    public void DecodeProbeTimeoutAndFailure_LeaveNoChildProcessOrZombie()
    {
        var backend = new VideoBackend();
        VideoInfo info = backend.Probe(TestVideos.PathOf("mmskeleton_ta_chi.mp4"));
        backend.ReadFrames(info, [0, 150, 299], new FrameSize(32, 32));
        backend.ReadAllFrames(info, new FrameSize(16, 16));
        var slow = new VideoBackend(new VideoBackendOptions { Timeout = TimeSpan.FromMilliseconds(1) });
        Assert.ThrowsExactly<InvalidVideoException>(() => slow.ReadAllFrames(info));
        using (var broken = new BrokenVideos())
            foreach (var (path, _) in broken.All)
                Assert.ThrowsExactly<InvalidVideoException>(() => backend.Probe(path));
        // Early exit from selective decode (buffer full before ffmpeg ends) must also reap the child.
        backend.ReadFrames(info, [0]);
        var left = ChildProcesses.LeftoverDecoders();
        Assert.AreEqual(0, left.Count, "leftover decoder processes: " + string.Join("; ", left));
    }
}
