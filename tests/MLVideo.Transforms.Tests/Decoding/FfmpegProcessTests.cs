using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Decoding;

[TestClass]
public sealed class FfmpegProcessTests
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

    [TestMethod]
    public void LeftoverDecoders_SeesARunningChild()
    {
        // Proves the check above can fail: a child ffmpeg waiting on stdin must be listed.
        var psi = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-f", "rawvideo", "-s", "2x2", "-pix_fmt", "gray", "-i", "pipe:0", "-f", "null", "-" }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        try
        {
            Thread.Sleep(200);
            Assert.IsTrue(ChildProcesses.LeftoverDecoders().Any(l => l.StartsWith(p.Id + " ")), "the running child was not detected");
        }
        finally
        {
            p.StandardInput.Close();
            if (!p.WaitForExit(10000)) p.Kill();
            p.WaitForExit();
        }
        var left = ChildProcesses.LeftoverDecoders();
        Assert.AreEqual(0, left.Count, "leftover decoder processes: " + string.Join("; ", left));
    }
}
