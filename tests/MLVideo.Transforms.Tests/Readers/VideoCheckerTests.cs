using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Readers;

[TestClass]
public sealed class VideoCheckerTests
{
    [TestMethod]
    public void Check_GoodAndBrokenFiles_ReportsEachWithoutThrowing()
    {
        using var broken = new BrokenVideos();
        string good = TestVideos.PathOf("filescraper_valid__h264_aac.mp4");
        var paths = new[] { good, TestVideos.RawFrames }.Concat(broken.All.Select(b => b.Path)).ToArray();
        var reports = VideoChecker.Check(paths, maxDegreeOfParallelism: 2);
        Assert.AreEqual(paths.Length, reports.Count);

        var ok = reports[0];
        Assert.IsTrue(ok.IsUsable, ok.Error);
        Assert.AreEqual(30, ok.FrameCount);
        Assert.AreEqual(30.0, ok.FrameRate, 1e-9);
        Assert.AreEqual(320, ok.Width);
        Assert.AreEqual(180, ok.Height);
        Assert.IsNull(ok.Error);
        Assert.IsTrue(reports[1].IsUsable, reports[1].Error);
        Assert.AreEqual(10, reports[1].FrameCount);

        foreach (var (report, (path, reason)) in reports.Skip(2).Zip(broken.All))
        {
            Assert.AreEqual(path, report.Path);
            Assert.IsFalse(report.IsUsable, path);
            Assert.AreEqual(reason, report.Reason, report.Error);
            StringAssert.Contains(report.Error!, path);
        }
    }
}
