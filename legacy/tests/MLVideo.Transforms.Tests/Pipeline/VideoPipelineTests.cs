using MLVideo.Data;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Pipeline;

[TestClass]
public sealed class VideoPipelineTests
{
    private static string _root = "";

    [ClassInitialize]
    public static void Init(TestContext _) => _root = DataViewReader.MakeClassFolders();

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_root, true);

    private static IEstimator<ITransformer> DesignPipeline(MLVideoContext ml, bool testMode) =>
        ml.Transforms.LoadVideo("Video", "VideoPath")
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), testMode: testMode))
            .Append(ml.Transforms.ResizeFrames("Clip", shortSide: 128))
            .Append(ml.Transforms.CropFrames("Clip", 112, 112))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet));

    [TestMethod]
    public void DesignPipeline_TestMode_FeaturesEqualDirectBackendComputation()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var model = DesignPipeline(ml, testMode: true).Fit(data);
        IDataView output = model.Transform(data);

        var type = (VectorDataViewType)output.Schema["Features"].Type;
        CollectionAssert.AreEqual(new[] { 1, 8, 3, 112, 112 }, type.Dimensions.ToArray());
        var features = DataViewReader.Vectors(output, "Features");
        var paths = DataViewReader.Column<ReadOnlyMemory<char>>(output, "VideoPath").Select(p => p.ToString()).ToList();
        var indices = DataViewReader.IntVectors(output, "ClipFrameIndices");
        Assert.AreEqual(4, features.Count);

        var backend = new VideoBackend();
        for (int row = 0; row < paths.Count; row++)
        {
            VideoInfo info = backend.Probe(paths[row]);
            int[] expectedIdx = FrameSampling.Segments(8).Sample(info.FrameCount, true, new Random(0));
            CollectionAssert.AreEqual(expectedIdx, indices[row], paths[row]);
            FrameStack frames = FrameResize.ShortSide(backend.ReadFrames(info, expectedIdx), 128);
            frames = FrameCrop.Crop(frames, CropPlanner.Center(frames.Size, new FrameSize(112, 112)));
            var (expected, _) = FramePixels.Extract(frames, 8, PixelLayout.TCHW, FrameNormalization.ImageNet);
            CollectionAssert.AreEqual(expected, features[row], $"row {row} ({paths[row]})");
        }
    }

    [TestMethod]
    public void SampleFrames_TrainMode_NewOffsetsEachPass_RepeatableForSeed()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        ITransformer MakeModel() => ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), seed: 42)).Fit(data);
        IDataView a = MakeModel().Transform(data);
        var pass1 = DataViewReader.IntVectors(a, "ClipFrameIndices");
        var pass2 = DataViewReader.IntVectors(a, "ClipFrameIndices");
        Assert.IsTrue(pass1.Zip(pass2).Any(p => !p.First.SequenceEqual(p.Second)), "a second pass (epoch) should draw new offsets");
        var again = DataViewReader.IntVectors(MakeModel().Transform(data), "ClipFrameIndices");
        for (int i = 0; i < pass1.Count; i++) CollectionAssert.AreEqual(pass1[i], again[i], "same seed, same first pass");
    }

    [TestMethod]
    public void MultiClipMultiCrop_ViewsLiveInOneRow()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var model = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Dense(4, 2, clipCount: 2), testMode: true, decodeShortSide: 64))
            .Append(ml.Transforms.CropFrames("Clip", 64, 64, CropKind.Three))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, PixelLayout.CTHW))
            .Fit(data);
        IDataView output = model.Transform(data);
        var clipType = (ClipDataViewType)output.Schema["Clip"].Type;
        Assert.AreEqual(6, clipType.Views);
        var type = (VectorDataViewType)output.Schema["Features"].Type;
        CollectionAssert.AreEqual(new[] { 6, 3, 4, 64, 64 }, type.Dimensions.ToArray());
        var clips = DataViewReader.Column<VideoClip>(output, "Clip");
        Assert.IsTrue(clips.All(c => c.Views == 6 && c.FramesPerView == 4 && c.Frames.Width == 64));
        Assert.AreEqual(6 * 3 * 4 * 64 * 64, DataViewReader.Vectors(output, "Features")[0].Length);
    }

    [TestMethod]
    public void SampleFrames_WithCache_SecondPassDecodesNothing()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var cache = new CountingCache();
        var model = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), decodeShortSide: 48, cache: cache)).Fit(data);
        IDataView output = model.Transform(data);
        Assert.AreEqual(4, DataViewReader.Column<VideoClip>(output, "Clip").Count);
        Assert.AreEqual(4, cache.Sets, "first pass decodes each video once");
        var second = DataViewReader.Column<VideoClip>(output, "Clip");
        Assert.AreEqual(4, cache.Sets, "second pass must not decode");
        Assert.IsTrue(second.All(c => Math.Min(c.Frames.Width, c.Frames.Height) == 48));
    }

    private sealed class CountingCache : IFrameCache
    {
        private readonly MemoryFrameCache _inner = new();
        public int Sets;
        public bool TryGet(string key, out FrameStack? frames) => _inner.TryGet(key, out frames);
        public void Set(string key, FrameStack frames) { Sets++; _inner.Set(key, frames); }
    }

    [TestMethod]
    public void GetOutputSchema_MissingOrWrongColumn_ThrowsBeforeReadingData()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var missing = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.Transforms.LoadVideo("Video", "Path").Fit(data));
        StringAssert.Contains(missing.Message, "Path");
        var wrong = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.Transforms.ResizeFrames("VideoPath", 64).Fit(data));
        StringAssert.Contains(wrong.Message, "Clip");
        var shape = SchemaShape.Create(data.Schema);
        Assert.ThrowsExactly<SchemaMismatchException>(() => ml.Transforms.ExtractFramePixels("F", "Label").GetOutputSchema(shape));
        var ok = ml.Transforms.LoadVideo().GetOutputSchema(shape);
        Assert.IsTrue(ok.TryFindColumn("Video", out var video) && video.ItemType is VideoDataViewType);
    }

    [TestMethod]
    public void Flip_EvaluationNeverFlips_TrainingFlipsSomeRows()
    {
        var ml = new MLVideoContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        var baseModel = ml.Transforms.LoadVideo().Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(2), testMode: true, decodeShortSide: 32)).Fit(data);
        IDataView clips = baseModel.Transform(data);
        var original = DataViewReader.Column<VideoClip>(clips, "Clip");
        var flip = ml.Transforms.FlipFrames("Flipped", probability: 1, inputColumnName: "Clip").Fit(clips);
        var flipped = DataViewReader.Column<VideoClip>(flip.Transform(clips), "Flipped");
        for (int i = 0; i < original.Count; i++)
            CollectionAssert.AreEqual(FrameCrop.FlipHorizontal(original[i].Frames).Pixels, flipped[i].Frames.Pixels);
        var eval = DataViewReader.Column<VideoClip>(flip.ForEvaluation().Transform(clips), "Flipped");
        for (int i = 0; i < original.Count; i++) CollectionAssert.AreEqual(original[i].Frames.Pixels, eval[i].Frames.Pixels);
    }

    [TestMethod]
    public void ExtractFramePixels_KeepsNormalizationAndLayout()
    {
        var ml = new MLVideoContext(seed: 1);
        var t = ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, PixelLayout.CTHW).Transformer;
        Assert.AreEqual(FrameNormalization.Kinetics, t.Normalization);
        Assert.AreEqual(PixelLayout.CTHW, t.Layout);
    }
}
