using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Estimators.Tests.Transforms;

/// <summary>The video transforms end to end, from a folder of generated mp4 videos to the clip column, through ML.NET's own calls.</summary>
[TestClass]
public sealed class VideoTransformsCatalogTests
{
    private static string _root = "";

    [ClassInitialize]
    public static void CreateVideos(TestContext _) => _root = SampleVideos.GenerateClassFolders();

    [ClassCleanup]
    public static void DeleteVideos() => Directory.Delete(_root, true);

    private static IEstimator<ITransformer> DesignPipeline(MLContext ml, bool testMode) =>
        ml.Transforms.LoadVideo("Video", "VideoPath")
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), testMode: testMode))
            .Append(ml.Transforms.ResizeFrames("Clip", shortSide: 128))
            .Append(ml.Transforms.CropFrames("Clip", 112, 112))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet));

    [TestMethod]
    public void DesignPipeline_GeneratedMp4Folder_FeaturesEqualThePureTransforms()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        IDataView output = DesignPipeline(ml, testMode: true).Fit(data).Transform(data);

        var features = output.Schema["Features"].Type as VectorDataViewType;
        Assert.IsNotNull(features);
        Assert.AreEqual(NumberDataViewType.Single, features.ItemType);
        CollectionAssert.AreEqual(new[] { 8, 3, 112, 112 }, features.Dimensions.ToArray());
        var values = DataViewReader.Vectors(output, "Features");
        var paths = DataViewReader.Text(output, "VideoPath");
        var indices = DataViewReader.IntVectors(output, "ClipFrameIndices");
        Assert.AreEqual(4, values.Count);

        var backend = new VideoBackend();
        for (int row = 0; row < paths.Count; row++)
        {
            VideoInfo info = backend.Probe(paths[row]);
            int[] expectedIndices = FrameSampling.Segments(8).Sample(info.FrameCount, testMode: true, new Random(0));
            CollectionAssert.AreEqual(expectedIndices, indices[row], paths[row]);
            FrameStack frames = FrameResize.ShortSide(backend.ReadFrames(info, expectedIndices), 128);
            frames = FrameCrop.Crop(frames, CropPlanner.Center(frames.Size, new FrameSize(112, 112)));
            var (expected, _) = FramePixels.Extract(frames, 8, PixelLayout.TCHW, FrameNormalization.ImageNet);
            CollectionAssert.AreEqual(expected, values[row], $"row {row} ({paths[row]})");
        }
    }

    [TestMethod]
    public void MultiClipThreeCrop_ViewsLiveInOneRow_WithALeadingViewDimension()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        IDataView output = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Dense(4, 2, clipCount: 2), testMode: true))
            .Append(ml.Transforms.CropFrames("Clip", 40, 40, CropKind.Three))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, PixelLayout.CTHW))
            .Fit(data).Transform(data);
        Assert.AreEqual(6, ((ClipDataViewType)output.Schema["Clip"].Type).Views);
        CollectionAssert.AreEqual(new[] { 6, 3, 4, 40, 40 }, DataViewReader.Dimensions(output, "Features"));
        var clips = DataViewReader.Column<VideoClip>(output, "Clip");
        Assert.IsTrue(clips.All(c => c.Views == 6 && c.FramesPerView == 4 && c.Frames.Width == 40 && c.Frames.Height == 40));
        Assert.AreEqual(6 * 3 * 4 * 40 * 40, DataViewReader.Vectors(output, "Features")[0].Length);
    }

    [TestMethod]
    public void SaveLoad_EveryVideoStepInAFreshContext_KeepsOptionsSchemaAndValues()
    {
        string file = Path.Combine(SampleVideos.NewTempFolder(), "video-steps.zip");
        try
        {
            var ml = new MLContext(seed: 5);
            IDataView data = ml.Data.LoadFromVideoFolder(_root);
            ITransformer model = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Dense(2, 3, clipCount: 2, OutOfRangeFrames.RepeatLast), testMode: true,
                    decodeShortSide: 40))
                .Append(ml.Transforms.ResizeFrames("Clip", 60, 44))
                .Append(ml.Transforms.CropFrames("Clip", 32, 32, CropKind.Ten))
                .Append(ml.Transforms.FlipFrames("Clip", probability: 0))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, PixelLayout.CTHW))
                .Fit(data);
            ml.Model.Save(model, data.Schema, file);

            ITransformer loaded = new MLContext().Model.Load(file, out DataViewSchema inputSchema);
            Assert.IsNotNull(inputSchema.GetColumnOrNull("VideoPath"));
            var steps = ((IEnumerable<ITransformer>)loaded).ToList();
            var sample = steps.OfType<SampleFramesTransformer>().Single();
            Assert.AreEqual("Dense(2x3x2, RepeatLast)", sample.Sampling.ToString());
            Assert.IsTrue(sample.TestMode);
            Assert.AreEqual(40, sample.DecodeShortSide);
            Assert.AreEqual(CropKind.Ten, steps.OfType<CropFramesTransformer>().Single().Kind);
            var extract = steps.OfType<ExtractFramePixelsTransformer>().Single();
            Assert.AreEqual(FrameNormalization.Kinetics, extract.Normalization);
            Assert.AreEqual(PixelLayout.CTHW, extract.Layout);

            IDataView before = model.Transform(data), after = loaded.Transform(data);
            CollectionAssert.AreEqual(new[] { 20, 3, 2, 32, 32 }, DataViewReader.Dimensions(after, "Features"));
            CollectionAssert.AreEqual(DataViewReader.Dimensions(before, "Features"), DataViewReader.Dimensions(after, "Features"));
            var expected = DataViewReader.Vectors(before, "Features");
            var actual = DataViewReader.Vectors(after, "Features");
            Assert.AreEqual(4, actual.Count);
            for (int i = 0; i < expected.Count; i++) CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
        }
        finally { Directory.Delete(Path.GetDirectoryName(file)!, true); }
    }

    [TestMethod]
    public void SaveLoad_TrainingModeRandomSteps_FirstPassRepeatsWithTheSavedSeeds()
    {
        string file = Path.Combine(SampleVideos.NewTempFolder(), "random-steps.zip");
        try
        {
            var ml = new MLContext(seed: 9);
            IDataView data = ml.Data.LoadFromVideoFolder(_root);
            ITransformer model = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), decodeShortSide: 48))
                .Append(ml.Transforms.CropFrames("Clip", 40, 40, CropKind.MultiScale))
                .Append(ml.Transforms.FlipFrames("Clip", probability: 0.5))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip"))
                .Fit(data);
            ml.Model.Save(model, data.Schema, file);
            ITransformer loaded = new MLContext().Model.Load(file, out _);

            var original = DataViewReader.Vectors(model.Transform(data), "Features");
            var reloaded = DataViewReader.Vectors(loaded.Transform(data), "Features");
            for (int i = 0; i < original.Count; i++) CollectionAssert.AreEqual(original[i], reloaded[i], $"row {i}: first pass after loading");
        }
        finally { Directory.Delete(Path.GetDirectoryName(file)!, true); }
    }
}
