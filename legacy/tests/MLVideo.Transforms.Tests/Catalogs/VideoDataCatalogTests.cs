using MLVideo.Data;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Catalogs;

[TestClass]
public sealed class VideoDataCatalogTests
{
    [TestMethod]
    public void LoadFromVideoFolder_PathsAndClassLabels()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            var labels = DataViewReader.Column<ReadOnlyMemory<char>>(data, "Label").Select(l => l.ToString()).ToArray();
            CollectionAssert.AreEqual(new[] { "clapping", "clapping", "waving", "waving" }, labels);
            var paths = DataViewReader.Column<ReadOnlyMemory<char>>(data, "VideoPath").Select(l => l.ToString()).ToArray();
            Assert.AreEqual(Path.Combine(root, "waving", "d clip.webm"), paths[3]);
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void LoadFromVideoFolder_SkipAndLog_DropsBrokenFilesWithWarning()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            File.WriteAllText(Path.Combine(root, "waving", "broken.mp4"), "not a video");
            var ml = new MLVideoContext(seed: 1);
            var warnings = new List<string>();
            ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) warnings.Add(e.Message); };
            IDataView data = ml.Data.LoadFromVideoFolder(root, BadVideoPolicy.SkipAndLog);
            Assert.AreEqual(4, DataViewReader.Column<ReadOnlyMemory<char>>(data, "VideoPath").Count);
            Assert.AreEqual(1, warnings.Count);
            StringAssert.Contains(warnings[0], "broken.mp4");
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void LoadFromVideoFolder_ThrowPolicy_ReadingBrokenVideoThrowsNamingIt()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            string broken = Path.Combine(root, "waving", "broken.mp4");
            File.WriteAllBytes(broken, []);
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            IDataView videos = ml.Transforms.LoadVideo().Fit(data).Transform(data);
            var e = Assert.ThrowsExactly<InvalidVideoException>(() => DataViewReader.Column<VideoInfo>(videos, "Video"));
            Assert.AreEqual(broken, e.FilePath);
            Assert.AreEqual(InvalidVideoReason.Empty, e.Reason);
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void LoadFromAnnotationList_WithLabelMap()
    {
        string dir = TestVideos.NewTempFolder();
        try
        {
            string list = Path.Combine(dir, "val.txt");
            File.WriteAllLines(list, ["arm.mp4 6", "sub/abs.mp4 0"]);
            var ml = new MLVideoContext(seed: 1);
            var map = LabelMap.Load(Path.Combine(TestVideos.Annotations, "mmaction2_label_map_k400.txt"));
            IDataView data = ml.Data.LoadFromAnnotationList(list, labelMap: map);
            CollectionAssert.AreEqual(new[] { 6, 0 }, DataViewReader.Column<int>(data, "Label"));
            CollectionAssert.AreEqual(new[] { "arm wrestling", "abseiling" },
                DataViewReader.Column<ReadOnlyMemory<char>>(data, "LabelName").Select(s => s.ToString()).ToArray());
            Assert.AreEqual(Path.Combine(dir, "sub/abs.mp4"), DataViewReader.Column<ReadOnlyMemory<char>>(data, "VideoPath")[1].ToString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void CheckVideos_OnDataView_ReportsEveryRow()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            File.WriteAllText(Path.Combine(root, "waving", "broken.mp4"), "not a video");
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            var reports = ml.Data.CheckVideos(data);
            Assert.AreEqual(5, reports.Count);
            Assert.AreEqual(4, reports.Count(r => r.IsUsable));
            var bad = reports.Single(r => !r.IsUsable);
            StringAssert.EndsWith(bad.Path, "broken.mp4");
            Assert.IsFalse(bad.Opens);
            StringAssert.Contains(bad.Error!, "broken.mp4");
        }
        finally { Directory.Delete(root, true); }
    }
}
