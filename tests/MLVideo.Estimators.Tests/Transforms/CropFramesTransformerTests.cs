using Microsoft.ML;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class CropFramesTransformerTests
{
    private static string _root = "";

    [ClassInitialize]
    public static void CreateVideos(TestContext _) => _root = SampleVideos.GenerateClassFolders();

    [ClassCleanup]
    public static void DeleteVideos() => Directory.Delete(_root, true);

    private static (IDataView Clips, List<VideoClip> Values) Clips(MLContext ml)
    {
        IDataView data = ml.Data.LoadFromVideoFolder(_root);
        IDataView clips = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(3), testMode: true)).Fit(data).Transform(data);
        return (clips, DataViewReader.Column<VideoClip>(clips, "Clip"));
    }

    [TestMethod]
    public void RandomCrop_SameSeed_SameCrops_AndEveryCropIsInsideTheFrame()
    {
        var ml = new MLContext(seed: 1);
        var (clips, originals) = Clips(ml);
        List<VideoClip> Crop(int seed) => DataViewReader.Column<VideoClip>(
            ml.Transforms.CropFrames("Cropped", 30, 30, CropKind.Random, inputColumnName: "Clip", seed: seed).Fit(clips).Transform(clips), "Cropped");
        var a = Crop(11);
        var b = Crop(11);
        for (int i = 0; i < a.Count; i++)
        {
            CollectionAssert.AreEqual(a[i].Frames.Pixels, b[i].Frames.Pixels, $"row {i}");
            Assert.AreEqual(new FrameSize(30, 30), a[i].Frames.Size);
            // The crop is one of the possible windows of the original frames.
            var frames = originals[i].Frames;
            bool found = false;
            for (int y = 0; y <= frames.Height - 30 && !found; y++)
                for (int x = 0; x <= frames.Width - 30 && !found; x++)
                    found = FrameCrop.Crop(frames, new CropRegion(x, y, 30, 30)).Pixels.AsSpan().SequenceEqual(a[i].Frames.Pixels);
            Assert.IsTrue(found, $"row {i}: the random crop is not a window of the clip");
        }
    }

    [TestMethod]
    public void TenCrop_TenViewsPerClip_InCropPlannerOrder()
    {
        var ml = new MLContext(seed: 1);
        var (clips, originals) = Clips(ml);
        IDataView ten = ml.Transforms.CropFrames("Clip", 32, 32, CropKind.Ten).Fit(clips).Transform(clips);
        Assert.AreEqual(new ClipDataViewType(10, 3, 32, 32), ten.Schema["Clip"].Type);
        var values = DataViewReader.Column<VideoClip>(ten, "Clip");
        var expected = FrameCrop.CropViews(originals[0].Frames, CropPlanner.Ten(originals[0].Frames.Size, new FrameSize(32, 32)));
        CollectionAssert.AreEqual(expected.Pixels, values[0].Frames.Pixels);
        Assert.AreEqual(10, values[0].Views);
    }
}
