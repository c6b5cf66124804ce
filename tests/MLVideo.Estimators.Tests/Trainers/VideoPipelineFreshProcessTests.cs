using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;
using MLVideo.Transforms.Synthetic;

namespace MLVideo.Estimators.Tests.Trainers;

/// <summary>
/// What the QuickStart does, as a test: a whole pipeline from video files (load, sample, crop, pixels, GSF) saved with
/// ml.Model.Save, loaded in another process with ml.Model.Load alone, predicts the same scores.
/// </summary>
[TestClass]
public sealed class VideoPipelineFreshProcessTests
{
    [TestMethod]
    public void ModelLoad_WholeVideoPipelineInFreshProcess_PredictsIdentically()
    {
        string root = Directory.CreateTempSubdirectory("mlvideo-pipeline-").FullName;
        try
        {
            string videos = Path.Combine(root, "videos");
            SyntheticActionDataset.Generate(videos, new SyntheticDatasetOptions
            {
                Actions = [SyntheticAction.MoveLeft, SyntheticAction.MoveRight], VideosPerClass = 6, FramesPerVideo = 16, Width = 32, Height = 32,
            });
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromVideoFolder(videos);
            var options = TinyModels.Options(new GsfTrainer.Options(), maxEpoch: 1);
            options.NumSegments = 4;
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.LoadVideo("Video", "VideoPath"))
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(4)))
                .Append(ml.Transforms.CropFrames("Clip", 16, 16, CropKind.Random))
                .Append(ml.Transforms.ExtractFramePixels("Features", "Clip", FrameNormalization.ImageNet))
                .Append(ml.MulticlassClassification.Trainers.Gsf(options));
            var model = VideoEvaluation.ForEvaluation(pipeline.Fit(data));
            string zip = Path.Combine(root, "gsf.zip");
            ml.Model.Save(model, data.Schema, zip);

            var expected = ml.Data.CreateEnumerable<Row>(model.Transform(data), reuseRowObject: false).ToList();
            string list = Path.Combine(root, "videos.txt");
            File.WriteAllLines(list, expected.Select(r => r.VideoPath));
            var fresh = TestHelperPrograms.RunModelLoader(zip, "--videos", list);
            VideoActionTransformerTests.AssertClose(expected.Select(r => r.Score).ToArray(), fresh, 1e-6);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public sealed class Row
    {
        public string VideoPath { get; set; } = "";
        public float[] Score { get; set; } = [];
    }
}
