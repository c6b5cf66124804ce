using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Readers;

[TestClass]
public sealed class AnnotationListReaderTests
{
    private static string Ann(string name) => Path.Combine(TestVideos.Annotations, name);

    [TestMethod]
    public void Read_VideoList_PathAndLabel()
    {
        var entries = AnnotationListReader.Read(Ann("mmaction2_video_test_list.txt"), AnnotationListFormat.Videos, dataRoot: "/data");
        Assert.AreEqual(2, entries.Count);
        Assert.AreEqual("/data/test.mp4", entries[0].Path);
        Assert.AreEqual(0, entries[0].Label);
        Assert.AreEqual(0, entries[0].FrameOffset);
        Assert.IsNull(entries[0].TotalFrames);
    }

    [TestMethod]
    public void Read_MultiLabelVideoList_AllLabels()
    {
        var entries = AnnotationListReader.Read(Ann("mmaction2_video_test_list_multi_label.txt"), AnnotationListFormat.Videos, multiLabel: true);
        CollectionAssert.AreEqual(new[] { 0, 3 }, entries[0].Labels.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 2, 4 }, entries[1].Labels.ToArray());
    }

    [TestMethod]
    public void Read_MultiLabelLineInSingleLabelMode_ThrowsWithLineNumber()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => AnnotationListReader.Read(Ann("mmaction2_video_test_list_multi_label.txt"), AnnotationListFormat.Videos));
        StringAssert.Contains(e.Message, "line 1");
    }

    [TestMethod]
    public void Read_FrameList_TotalFramesAndLabel()
    {
        var entries = AnnotationListReader.Read(Ann("mmaction2_rawframe_test_list.txt"), AnnotationListFormat.FrameFolders);
        Assert.AreEqual(5, entries[0].TotalFrames);
        Assert.AreEqual(127, entries[0].Label);
        Assert.AreEqual(Path.Combine(TestVideos.Annotations, "imgs"), entries[0].Path);
    }

    [TestMethod]
    public void Read_FrameListWithOffset_OffsetTotalLabel()
    {
        var entries = AnnotationListReader.Read(Ann("mmaction2_rawframe_test_list_with_offset.txt"), AnnotationListFormat.FrameFoldersWithOffset);
        Assert.AreEqual(2, entries[0].FrameOffset);
        Assert.AreEqual(5, entries[0].TotalFrames);
        Assert.AreEqual(127, entries[0].Label);
    }

    [TestMethod]
    public void Read_FrameListMultiLabel()
    {
        var entries = AnnotationListReader.Read(Ann("mmaction2_rawframe_test_list_multi_label.txt"), AnnotationListFormat.FrameFolders, multiLabel: true);
        CollectionAssert.AreEqual(new[] { 3, 5 }, entries[1].Labels.ToArray());
    }

    [TestMethod]
    public void Read_PaddleVideoList_ClassFolderPaths()
    {
        var entries = AnnotationListReader.Read(Ann("paddlevideo_k400_val_small_videos.list"), AnnotationListFormat.Videos, dataRoot: "k400");
        Assert.IsTrue(entries.Count > 5);
        Assert.AreEqual(Path.Combine("k400", "abseiling/_4YTwq0-73Y_000044_000054.mp4"), entries[0].Path);
    }

    [TestMethod]
    public void Read_TabSeparated_AllowsSpacesInPaths_AndBadLabelsFail()
    {
        string dir = TestVideos.NewTempFolder();
        try
        {
            string list = Path.Combine(dir, "list.txt");
            File.WriteAllLines(list, ["# comment", "", "my clip 1.mp4\t3"]);
            var entries = AnnotationListReader.Read(list, AnnotationListFormat.Videos);
            Assert.AreEqual(Path.Combine(dir, "my clip 1.mp4"), entries[0].Path);
            Assert.AreEqual(3, entries[0].Label);
            File.WriteAllLines(list, ["a.mp4 x"]);
            var e = Assert.ThrowsExactly<FormatException>(() => AnnotationListReader.Read(list, AnnotationListFormat.Videos));
            StringAssert.Contains(e.Message, "line 1");
            StringAssert.Contains(e.Message, "'x'");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void FrameListWithOffset_ReadsFramesFromTheOffset()
    {
        var backend = new VideoBackend();
        VideoInfo whole = backend.Probe(TestVideos.RawFrames);
        VideoInfo shifted = backend.ProbeFrameFolder(TestVideos.RawFrames, offset: 2, frameCount: 5);
        Assert.AreEqual(5, shifted.FrameCount);
        FrameStack a = backend.ReadFrames(whole, [2, 6]);
        FrameStack b = backend.ReadFrames(shifted, [0, 4]);
        CollectionAssert.AreEqual(a.Pixels, b.Pixels);
        var e = Assert.ThrowsExactly<InvalidVideoException>(() => backend.ProbeFrameFolder(TestVideos.RawFrames, offset: 8, frameCount: 5));
        StringAssert.Contains(e.Message, TestVideos.RawFrames);
    }
}
