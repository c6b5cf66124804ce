using Microsoft.ML;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Throughput;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class SampleFramesTransformerTests
{
    private static string _root = "";

    [ClassInitialize]
    public static void CreateVideos(TestContext _) => _root = SampleVideos.GenerateClassFolders();

    [ClassCleanup]
    public static void DeleteVideos() => Directory.Delete(_root, true);

    [TestMethod]
    public void TrainingMode_NewOffsetsEachPass_RepeatableForASeed()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        ITransformer MakeModel() => ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), seed: 42)).Fit(data);
        IDataView a = MakeModel().Transform(data);
        var pass1 = DataViewReader.IntVectors(a, "ClipFrameIndices");
        var pass2 = DataViewReader.IntVectors(a, "ClipFrameIndices");
        Assert.IsTrue(pass1.Zip(pass2).Any(p => !p.First.SequenceEqual(p.Second)), "a second pass (epoch) should draw new offsets");
        var again = DataViewReader.IntVectors(MakeModel().Transform(data), "ClipFrameIndices");
        for (int i = 0; i < pass1.Count; i++) CollectionAssert.AreEqual(pass1[i], again[i], "same seed, same first pass");
        // 20 frames in 8 segments: avg = 2, so segment k's frame is 2k or 2k + 1.
        foreach (int[] indices in pass1)
            for (int k = 0; k < 8; k++) Assert.IsTrue(indices[k] / 2 == k, $"segment {k}: index {indices[k]}");
    }

    [TestMethod]
    public void TrainingMode_PassSplitOverParallelCursors_DrawsWhatOneCursorDraws()
    {
        // ML.NET splits a pass over parallel cursors when the columns read are cacheable (as the indices are).
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        IDataView Model() => ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), seed: 5)).Fit(data).Transform(data);
        var single = ReadById(Model(), 1);
        var split = ReadById(Model(), 3);
        Assert.AreEqual(4, single.Count);
        CollectionAssert.AreEquivalent(single.Keys.ToArray(), split.Keys.ToArray());
        foreach (var (id, indices) in single) CollectionAssert.AreEqual(indices, split[id], $"row {id}");
    }

    private static Dictionary<ulong, int[]> ReadById(IDataView view, int cursors)
    {
        var column = view.Schema["ClipFrameIndices"];
        var result = new Dictionary<ulong, int[]>();
        foreach (var cursor in view.GetRowCursorSet([column], cursors))
            using (cursor)
            {
                var getter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<int>>(column);
                var id = cursor.GetIdGetter();
                Microsoft.ML.Data.VBuffer<int> value = default;
                Microsoft.ML.Data.DataViewRowId rowId = default;
                while (cursor.MoveNext())
                {
                    getter(ref value);
                    id(ref rowId);
                    result.Add(rowId.Low, value.DenseValues().ToArray());
                }
            }
        return result;
    }

    [TestMethod]
    public void TrainingMode_DefaultSeedComesFromTheContextSeed()
    {
        int[] FirstRow(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            IDataView data = ml.Data.LoadFromVideoFolder(_root);
            var model = ml.Transforms.LoadVideo().Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8))).Fit(data);
            return DataViewReader.IntVectors(model.Transform(data), "ClipFrameIndices").SelectMany(x => x).ToArray();
        }
        CollectionAssert.AreEqual(FirstRow(7), FirstRow(7));
    }

    [TestMethod]
    public void ClipIndicesAndFeaturesOfOneRow_DecodeTheVideoOnce()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var cache = new CountingCache();
        IDataView output = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), testMode: true, decodeShortSide: 32, cache: cache))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip")).Fit(data).Transform(data);
        using (var cursor = output.GetRowCursor(output.Schema))
        {
            var clip = cursor.GetGetter<VideoClip>(output.Schema["Clip"]);
            var features = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(output.Schema["Features"]);
            var indices = cursor.GetGetter<Microsoft.ML.Data.VBuffer<int>>(output.Schema["ClipFrameIndices"]);
            VideoClip c = null!;
            Microsoft.ML.Data.VBuffer<float> f = default;
            Microsoft.ML.Data.VBuffer<int> i = default;
            while (cursor.MoveNext())
            {
                clip(ref c);
                features(ref f);
                indices(ref i);
                clip(ref c);
            }
        }
        Assert.AreEqual(4, cache.Reads, "one decode per row, whatever reads it");
        Assert.AreEqual(4, cache.Sets);
    }

    [TestMethod]
    public void WithCache_SecondPassDecodesNothing()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var cache = new CountingCache();
        IDataView output = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), decodeShortSide: 24, cache: cache)).Fit(data).Transform(data);
        Assert.AreEqual(4, DataViewReader.Column<VideoClip>(output, "Clip").Count);
        Assert.AreEqual(4, cache.Sets, "the first pass decodes each video once");
        var second = DataViewReader.Column<VideoClip>(output, "Clip");
        Assert.AreEqual(4, cache.Sets, "the second pass must not decode");
        Assert.IsTrue(second.All(c => Math.Min(c.Frames.Width, c.Frames.Height) == 24));
    }

    private sealed class CountingCache : IFrameCache
    {
        private readonly MemoryFrameCache _inner = new();

        public int Reads;
        public int Sets;

        public bool TryGet(string key, out FrameStack? frames)
        {
            Interlocked.Increment(ref Reads);
            return _inner.TryGet(key, out frames);
        }

        public void Set(string key, FrameStack frames)
        {
            Interlocked.Increment(ref Sets);
            _inner.Set(key, frames);
        }
    }
}
