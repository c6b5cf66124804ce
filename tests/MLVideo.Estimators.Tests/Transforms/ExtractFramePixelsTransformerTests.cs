using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Data;
using MLVideo.Transforms;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class ExtractFramePixelsTransformerTests
{
    /// <summary>The transformer fitted on an empty view with a Clip column (fitting reads no data).</summary>
    private static ExtractFramePixelsTransformer Transformer(PixelLayout layout)
    {
        var ml = new MLContext(seed: 1);
        IDataView rows = ml.Data.LoadFromEnumerable(Array.Empty<VideoFolderRow>());
        IDataView clips = ml.Transforms.LoadVideo().Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8))).Fit(rows).Transform(rows);
        return ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, layout).Fit(clips);
    }

    [TestMethod]
    public void OutputType_OneView_IsTCHWWithoutAViewDimension()
    {
        var type = Transformer(PixelLayout.TCHW).OutputType(new ClipDataViewType(1, 8, 112, 96));
        CollectionAssert.AreEqual(new[] { 8, 3, 96, 112 }, type.Dimensions.ToArray());
        Assert.AreEqual(NumberDataViewType.Single, type.ItemType);
    }

    [TestMethod]
    public void OutputType_SeveralViewsCTHW_HasALeadingViewDimension()
    {
        var type = Transformer(PixelLayout.CTHW).OutputType(new ClipDataViewType(30, 16, 112, 112));
        CollectionAssert.AreEqual(new[] { 30, 3, 16, 112, 112 }, type.Dimensions.ToArray());
    }

    [TestMethod]
    public void OutputType_UnknownFrameSize_IsAVariableSizeVector()
    {
        var type = Transformer(PixelLayout.TCHW).OutputType(new ClipDataViewType(1, 8));
        Assert.AreEqual(0, type.Size);
    }
}
