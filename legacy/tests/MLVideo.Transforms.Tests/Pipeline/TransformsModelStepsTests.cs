using MLVideo.Data;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Pipeline;

[TestClass]
public sealed class TransformsModelStepsTests
{
    [TestMethod]
    public void SaveLoad_VideoPipeline_KeepsOptionsAndValues()
    {
        string root = DataViewReader.MakeClassFolders();
        string file = Path.Combine(root, "model.zip");
        try
        {
            var ml = new MLVideoContext(seed: 5);
            IDataView data = ml.Data.LoadFromVideoFolder(root);
            var model = ml.Transforms.LoadVideo()
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Dense(2, 3, clipCount: 2, OutOfRangeFrames.RepeatLast), testMode: true, decodeShortSide: 48))
                .Append(ml.Transforms.ResizeFrames("Clip", 60, 40))
                .Append(ml.Transforms.CropFrames("Clip", 32, 32, CropKind.Ten))
                .Append(ml.Transforms.FlipFrames("Clip", probability: 0))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.Kinetics, PixelLayout.CTHW))
                .Fit(data);
            ml.Model.Save(model, data.Schema, file);

            var loaded = ml.Model.Load(file, out var inputSchema);
            Assert.IsNotNull(inputSchema.GetColumnOrNull("VideoPath"));
            var steps = ((IEnumerable<ITransformer>)loaded).ToList();
            var extract = steps.OfType<ExtractFramePixelsTransformer>().Single();
            Assert.AreEqual(FrameNormalization.Kinetics, extract.Normalization);
            Assert.AreEqual(PixelLayout.CTHW, extract.Layout);
            var sample = steps.OfType<SampleFramesTransformer>().Single();
            Assert.AreEqual("Dense(2x3x2, RepeatLast)", sample.Sampling.ToString());
            Assert.IsTrue(sample.TestMode);
            Assert.AreEqual(CropKind.Ten, steps.OfType<CropFramesTransformer>().Single().Kind);

            var before = DataViewReader.Vectors(model.Transform(data), "Features");
            IDataView afterView = loaded.Transform(data);
            CollectionAssert.AreEqual(new[] { 20, 3, 2, 32, 32 }, ((VectorDataViewType)afterView.Schema["Features"].Type).Dimensions.ToArray());
            var after = DataViewReader.Vectors(afterView, "Features");
            for (int i = 0; i < before.Count; i++) CollectionAssert.AreEqual(before[i], after[i], $"row {i}");
        }
        finally { Directory.Delete(root, true); }
    }
}
