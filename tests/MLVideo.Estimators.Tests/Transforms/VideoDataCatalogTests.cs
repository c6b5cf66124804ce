using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Readers;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class VideoDataCatalogTests
{
    [TestMethod]
    public void LoadFromVideoFolder_ClassFolders_TextColumnsVideoPathAndLabel()
    {
        string root = SampleVideos.CopyRealClassFolders();
        try
        {
            IDataView data = new MLContext(seed: 1).Data.LoadFromVideoFolder(root);
            Assert.AreEqual(2, data.Schema.Count);
            Assert.AreEqual(TextDataViewType.Instance, data.Schema["VideoPath"].Type);
            Assert.AreEqual(TextDataViewType.Instance, data.Schema["Label"].Type);
            CollectionAssert.AreEqual(new[] { "clapping", "clapping", "waving", "waving" }, DataViewReader.Text(data, "Label"));
            Assert.AreEqual(Path.Combine(root, "waving", "d clip.webm"), DataViewReader.Text(data, "VideoPath")[3]);
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void LoadFromVideoFolder_SkipAndLog_DropsBrokenFilesWithAWarningOnTheLog()
    {
        string root = SampleVideos.CopyRealClassFolders();
        try
        {
            File.WriteAllText(Path.Combine(root, "waving", "broken.mp4"), "not a video");
            var ml = new MLContext(seed: 1);
            var warnings = new List<string>();
            ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) warnings.Add(e.Message); };
            IDataView data = ml.Data.LoadFromVideoFolder(root, BadVideoPolicy.SkipAndLog);
            Assert.AreEqual(4, DataViewReader.Text(data, "VideoPath").Count);
            Assert.AreEqual(1, warnings.Count, string.Join("\n", warnings));
            StringAssert.Contains(warnings[0], "broken.mp4");
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void LoadFromVideoList_VideoListWithLabelMap_ClassNamesAndIds()
    {
        string dir = SampleVideos.NewTempFolder();
        try
        {
            string list = Path.Combine(dir, "val.txt");
            File.WriteAllLines(list, ["arm.mp4 6", "sub/abs.mp4 0"]);
            var map = LabelMap.Load(Path.Combine(SampleVideos.Annotations, "mmaction2_label_map_k400.txt"));
            IDataView data = new MLContext(seed: 1).Data.LoadFromVideoList(list, labelMap: map);
            CollectionAssert.AreEqual(new[] { "VideoPath", "Label", "LabelId", "FrameOffset", "TotalFrames" }, data.Schema.Select(c => c.Name).ToArray());
            Assert.AreEqual(NumberDataViewType.Int32, data.Schema["LabelId"].Type);
            CollectionAssert.AreEqual(new[] { "arm wrestling", "abseiling" }, DataViewReader.Text(data, "Label"));
            CollectionAssert.AreEqual(new[] { 6, 0 }, DataViewReader.Column<int>(data, "LabelId"));
            Assert.AreEqual(Path.Combine(dir, "sub/abs.mp4"), DataViewReader.Text(data, "VideoPath")[1]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void LoadFromVideoList_RawframeListWithOffset_LoadVideoReadsFramesFromTheOffset()
    {
        string root = SampleVideos.NewTempFolder();
        try
        {
            // mmaction2's list line "imgs 2 5 127": folder imgs, offset 2, 5 frames, label 127.
            Directory.CreateDirectory(Path.Combine(root, "imgs"));
            foreach (string f in Directory.GetFiles(SampleVideos.RawFrames)) File.Copy(f, Path.Combine(root, "imgs", Path.GetFileName(f)));
            string list = Path.Combine(SampleVideos.Annotations, "mmaction2_rawframe_test_list_with_offset.txt");
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoList(list, root, AnnotationListFormat.FrameFoldersWithOffset);
            CollectionAssert.AreEqual(new[] { "127", "127" }, DataViewReader.Text(data, "Label"));
            CollectionAssert.AreEqual(new[] { 5, 5 }, DataViewReader.Column<int>(data, "TotalFrames"));
            IDataView clips = ml.Transforms.LoadVideo(frameOffsetColumnName: "FrameOffset", totalFramesColumnName: "TotalFrames")
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(5), testMode: true)).Fit(data).Transform(data);
            var values = DataViewReader.Column<VideoClip>(clips, "Clip");
            Assert.AreEqual(2, values.Count);
            Assert.AreEqual(5, values[0].Source.FrameCount);
            Assert.AreEqual(2, values[0].Source.FrameOffset);
            CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, values[0].Frames.SourceIndices.ToArray());
            var backend = new VideoBackend();
            FrameStack expected = backend.ReadFrames(backend.Probe(Path.Combine(root, "imgs")), [2, 3, 4, 5, 6]);
            CollectionAssert.AreEqual(expected.Pixels, values[0].Frames.Pixels, "frames 0..4 of the listed clip are files 3..7");
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void CheckVideos_OnADataView_ReportsEveryRow()
    {
        string root = SampleVideos.CopyRealClassFolders();
        try
        {
            File.WriteAllText(Path.Combine(root, "waving", "broken.mp4"), "not a video");
            var ml = new MLContext(seed: 1);
            var reports = ml.Data.CheckVideos(ml.Data.LoadFromVideoFolder(root));
            Assert.AreEqual(5, reports.Count);
            Assert.AreEqual(4, reports.Count(r => r.IsUsable));
            var bad = reports.Single(r => !r.IsUsable);
            StringAssert.EndsWith(bad.Path, "broken.mp4");
            Assert.IsFalse(bad.Opens);
            StringAssert.Contains(bad.Error!, "broken.mp4");
            var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.CheckVideos(ml.Data.LoadFromVideoFolder(root), "Label2"));
            StringAssert.Contains(e.Message, "'Label2'");
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Prefetch_TwoWorkers_SameRowsInOrderAsTheDirectPipeline()
    {
        string root = SampleVideos.CopyRealClassFolders();
        try
        {
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            IDataView direct = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), testMode: true, decodeShortSide: 40))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip")).Fit(data).Transform(data);
            IDataView ahead = ml.Data.Prefetch(direct, workers: 2, capacity: 4);
            var expected = DataViewReader.Vectors(direct, "Features");
            var actual = DataViewReader.Vectors(ahead, "Features");
            Assert.AreEqual(4, actual.Count);
            for (int i = 0; i < expected.Count; i++) CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
            CollectionAssert.AreEqual(DataViewReader.Text(direct, "Label"), DataViewReader.Text(ahead, "Label"));
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Prefetch_BadVideo_ThrowsNamingItAfterTheGoodRowsBeforeIt()
    {
        string root = SampleVideos.CopyRealClassFolders();
        try
        {
            string bad = Path.Combine(root, "clapping", "c broken.mp4"); // third row in order
            File.WriteAllText(bad, "not a video");
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            IDataView ahead = ml.Data.Prefetch(ml.Transforms.LoadVideo().Fit(data).Transform(data), workers: 2, capacity: 2);
            var seen = new List<string>();
            var e = Assert.ThrowsExactly<InvalidVideoException>(() =>
            {
                var column = ahead.Schema["Video"];
                using var cursor = ahead.GetRowCursor([column]);
                var getter = cursor.GetGetter<VideoInfo>(column);
                VideoInfo video = null!;
                while (cursor.MoveNext())
                {
                    getter(ref video);
                    seen.Add(Path.GetFileName(video.Path));
                }
            });
            Assert.AreEqual(bad, e.FilePath);
            CollectionAssert.AreEqual(new[] { "a.mp4", "b.mp4" }, seen);
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Prefetch_InvalidArguments_Throw()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new VideoFolderRow() });
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.Prefetch(data, workers: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.Prefetch(data, workers: 4, capacity: 2));
    }
}
