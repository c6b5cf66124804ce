using MLVideo.Data;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Throughput;

[TestClass]
public sealed class PrefetchDataViewTests
{
    [TestMethod]
    public void Prefetch_TwoWorkers_SameRowsInOrderAsDirectTestModePipeline()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            var model = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), testMode: true, decodeShortSide: 40))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip")).Fit(data);
            IDataView direct = model.Transform(data);
            IDataView ahead = ml.Data.Prefetch(direct, workers: 2, capacity: 4);
            var expected = DataViewReader.Vectors(direct, "Features");
            var actual = DataViewReader.Vectors(ahead, "Features");
            Assert.AreEqual(4, actual.Count);
            for (int i = 0; i < expected.Count; i++) CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
            CollectionAssert.AreEqual(DataViewReader.Column<ReadOnlyMemory<char>, string>(direct, "Label", l => l.ToString()),
                DataViewReader.Column<ReadOnlyMemory<char>, string>(ahead, "Label", l => l.ToString()));
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Prefetch_BadVideo_ThrowsNamingIt_AfterTheGoodRowsBeforeIt()
    {
        string root = DataViewReader.MakeClassFolders();
        try
        {
            string bad = Path.Combine(root, "clapping", "c broken.mp4"); // third row in order
            File.WriteAllText(bad, "not a video");
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            IDataView videos = ml.Transforms.LoadVideo().Fit(data).Transform(data);
            IDataView ahead = ml.Data.Prefetch(videos, workers: 2, capacity: 2);
            var seen = new List<string>();
            var e = Assert.ThrowsExactly<InvalidVideoException>(() =>
            {
                var col = ahead.Schema["Video"];
                using var cursor = ahead.GetRowCursor([col]);
                var getter = cursor.GetGetter<VideoInfo>(col);
                VideoInfo v = null!;
                while (cursor.MoveNext()) { getter(ref v); seen.Add(Path.GetFileName(v.Path)); }
            });
            Assert.AreEqual(bad, e.FilePath);
            CollectionAssert.AreEqual(new[] { "a.mp4", "b.mp4" }, seen);
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Prefetch_InvalidArguments_Throw()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new VideoFolderRow() });
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.Prefetch(data, workers: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.Prefetch(data, workers: 4, capacity: 2));
    }
}
