using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class VideoEvaluationTests
{
    [TestMethod]
    public void ForEvaluation_TrainingChain_TestModeSamplingCentreCropsAndNoFlip()
    {
        string root = SampleVideos.GenerateClassFolders();
        try
        {
            var ml = new MLContext(seed: 3);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            var trainModel = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4), decodeShortSide: 48))
                .Append(ml.Transforms.CropFrames("Clip", 40, 40, CropKind.MultiScale))
                .Append(ml.Transforms.FlipFrames("Clip"))
                .Fit(data);
            var evalModel = (TransformerChain<ITransformer>)VideoEvaluation.ForEvaluation(trainModel);
            var steps = evalModel.ToList();
            Assert.AreEqual(4, steps.Count);
            Assert.IsTrue(((SampleFramesTransformer)steps[1]).TestMode);
            Assert.AreEqual(CropKind.Center, ((CropFramesTransformer)steps[2]).Kind);
            Assert.AreEqual(0, ((FlipFramesTransformer)steps[3]).Probability);
            Assert.IsFalse(((SampleFramesTransformer)trainModel.ElementAt(1)).TestMode, "the original model is unchanged");

            IDataView output = evalModel.Transform(data);
            var first = DataViewReader.IntVectors(output, "ClipFrameIndices");
            var second = DataViewReader.IntVectors(output, "ClipFrameIndices");
            for (int i = 0; i < first.Count; i++) CollectionAssert.AreEqual(first[i], second[i], "evaluation passes are identical");
        }
        finally { Directory.Delete(root, true); }
    }
}
