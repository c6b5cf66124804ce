using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms;

namespace MLVideo.Estimators.Tests.Transforms;

/// <summary>Schema checks of the video estimators: ML.NET's errors (column, expected type, actual type) before any data is read.</summary>
[TestClass]
public sealed class VideoTransformEstimatorTests
{
    private static IDataView Rows(MLContext ml) =>
        ml.Data.LoadFromEnumerable(new[] { new PathAndScore { VideoPath = "/nowhere/never-read.mp4", Score = [1f, 2f] } });

    private sealed class PathAndScore
    {
        public string VideoPath { get; set; } = "";

        [VectorType(2)]
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void GetOutputSchema_MissingInputColumn_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(Rows(ml).Schema);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.LoadVideo("Video", "Path").GetOutputSchema(shape));
        StringAssert.Contains(e.Message, "Could not find input column 'Path'");
    }

    [TestMethod]
    public void GetOutputSchema_WrongInputTypes_ThrowExpectedAndActualType()
    {
        var ml = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(Rows(ml).Schema);
        var text = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.LoadVideo("Video", "Score").GetOutputSchema(shape));
        StringAssert.Contains(text.Message, "Schema mismatch for input column 'Score': expected String, got Vector<Single>");
        var video = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => ml.Transforms.SampleFrames("Clip", "VideoPath", FrameSampling.Segments(8)).GetOutputSchema(shape));
        StringAssert.Contains(video.Message, "Schema mismatch for input column 'VideoPath': expected Video, got String");
        foreach (var estimator in new IEstimator<ITransformer>[]
                 {
                     ml.Transforms.ResizeFrames("VideoPath", 64), ml.Transforms.CropFrames("VideoPath", 32, 32),
                     ml.Transforms.FlipFrames("VideoPath"), ml.Transforms.ExtractFramePixels("F", "VideoPath"),
                 })
        {
            var clip = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(shape), estimator.GetType().Name);
            StringAssert.Contains(clip.Message, "Schema mismatch for input column 'VideoPath': expected Clip, got String");
        }
    }

    [TestMethod]
    public void Fit_WrongColumn_ThrowsWithoutReadingData()
    {
        // The only row names a file that does not exist: reading it would throw InvalidVideoException, not a schema error.
        var ml = new MLContext(seed: 1);
        IDataView data = Rows(ml);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.LoadVideo("Video", "Score").Fit(data));
        StringAssert.Contains(e.Message, "'Score'");
        var chain = ml.Transforms.LoadVideo().Append(ml.Transforms.ExtractFramePixels("Features", "Video"));
        var chained = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => chain.Fit(data));
        StringAssert.Contains(chained.Message, "expected Clip, got Video");
    }

    [TestMethod]
    public void GetOutputSchema_ValidChain_PropagatesVideoClipAndFeatureColumns()
    {
        var ml = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(Rows(ml).Schema);
        var chain = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8)))
            .Append(ml.Transforms.ResizeFrames("Clip", 64, 48))
            .Append(ml.Transforms.CropFrames("Clip", 32, 32))
            .Append(ml.Transforms.ExtractFramePixels("Features", "Clip"));
        SchemaShape output = chain.GetOutputSchema(shape);
        SchemaShape.Column Find(string name) => output.Single(c => c.Name == name);
        Assert.IsInstanceOfType<VideoDataViewType>(Find("Video").ItemType);
        Assert.AreEqual(new ClipDataViewType(1, 8, 32, 32), Find("Clip").ItemType);
        Assert.AreEqual(NumberDataViewType.Int32, Find("ClipFrameIndices").ItemType);
        SchemaShape.Column features = Find("Features");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, features.Kind);
        Assert.AreEqual(NumberDataViewType.Single, features.ItemType);
    }
}
