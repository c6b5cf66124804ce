using Microsoft.ML;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class FlipFramesTransformerTests
{
    [TestMethod]
    public void Flip_ProbabilityOne_MirrorsAsFrameCrop_AndEvaluationNeverFlips()
    {
        string root = SampleVideos.GenerateClassFolders();
        try
        {
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            IDataView clips = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(2), testMode: true)).Fit(data).Transform(data);
            var original = DataViewReader.Column<VideoClip>(clips, "Clip");
            var flip = ml.Transforms.FlipFrames("Flipped", probability: 1, inputColumnName: "Clip").Fit(clips);
            var flipped = DataViewReader.Column<VideoClip>(flip.Transform(clips), "Flipped");
            for (int i = 0; i < original.Count; i++)
                CollectionAssert.AreEqual(FrameCrop.FlipHorizontal(original[i].Frames).Pixels, flipped[i].Frames.Pixels, $"row {i}");
            var evaluation = DataViewReader.Column<VideoClip>(flip.ForEvaluation().Transform(clips), "Flipped");
            for (int i = 0; i < original.Count; i++) CollectionAssert.AreEqual(original[i].Frames.Pixels, evaluation[i].Frames.Pixels, $"row {i}");
        }
        finally { Directory.Delete(root, true); }
    }

    [TestMethod]
    public void Constructor_ProbabilityOutsideZeroOne_Throws()
    {
        var ml = new MLContext(seed: 1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.FlipFrames("Clip", probability: 1.5));
    }
}
