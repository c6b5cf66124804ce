using MLVideo.Tensors;
using MLVideo.Tensors.Serialization;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Weights;

namespace MLVideo.Trainers.Tests.Methods;

/// <summary>Loading official-style checkpoints: <c>module.</c> / <c>base_model.</c> mapping and key reports.</summary>
[TestClass]
public sealed class WeightImportTests
{
    private static VideoClassifier Tiny(ulong seed) => VideoModelFactory.Create(new VideoModelOptions
    {
        Method = VideoMethod.Tsm, Backbone = Backbone.ResNet18, WidthMultiplier = 0.125, NumClasses = 3, NumSegments = 2, Seed = seed,
    });

    [TestMethod]
    public void ImportWeights_DataParallelVideoCheckpoint_LoadsEveryKey()
    {
        using var source = Tiny(1);
        using var target = Tiny(2);
        string path = Path.Combine(Path.GetTempPath(), $"mlvideo_import_{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, source.StateDict().Select(kv => new KeyValuePair<string, Tensor>("module." + kv.Key, kv.Value)));
            var report = WeightImport.ImportWeights(target, path, strict: true);
            Assert.IsTrue(report.IsExactMatch, report.ToString());
            foreach (var (key, t) in source.StateDict()) CollectionAssert.AreEqual(t.ToArray(), target.StateDict()[key].ToArray(), key);
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void ImportWeights_ImageNetBackboneIntoTsmModel_LoadsEveryBackboneKeyAndReportsNewFcMissing()
    {
        using var imagenet = ResNet.ResNet18(numClasses: 1000, widthMultiplier: 0.125, generator: new Generator(4));
        using var video = Tiny(5);
        string path = Path.Combine(Path.GetTempPath(), $"mlvideo_import_{Guid.NewGuid():N}.safetensors");
        try
        {
            imagenet.SaveSafeTensors(path);
            var report = WeightImport.ImportWeights(video, path);
            // The ImageNet fc is dropped and new_fc stays as initialised; conv1 loads into TSM's conv1.net.
            CollectionAssert.AreEquivalent(new[] { "new_fc.weight", "new_fc.bias" }, report.MissingKeys.ToList(), report.ToString());
            Assert.AreEqual(0, report.UnexpectedKeys.Count, report.ToString());
            Assert.AreEqual(0, report.MisShapedKeys.Count, report.ToString());
            CollectionAssert.AreEqual(imagenet.GetParameter("layer2.0.conv2.weight").ToArray(), video.GetParameter("base_model.layer2.0.conv2.weight").ToArray());
            CollectionAssert.AreEqual(imagenet.GetParameter("layer3.1.conv1.weight").ToArray(), video.GetParameter("base_model.layer3.1.conv1.net.weight").ToArray());
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void ImportWeights_UnrelatedCheckpoint_ReportsMissingAndUnexpectedKeys()
    {
        using var video = Tiny(7);
        string path = Path.Combine(Path.GetTempPath(), $"mlvideo_import_{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, [new KeyValuePair<string, Tensor>("module.base_model.extra.weight", Tensor.Zeros(2))]);
            var report = WeightImport.ImportWeights(video, path);
            CollectionAssert.AreEqual(new[] { "base_model.extra.weight" }, report.UnexpectedKeys.ToList());
            // Every key is missing, except BatchNorm's num_batches_tracked, which PyTorch (and Module) default when absent.
            Assert.AreEqual(video.StateDict().Keys.Count(k => !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)), report.MissingKeys.Count);
            Assert.ThrowsExactly<MLVideo.Tensors.Nn.StateDictLoadException>(() => WeightImport.ImportWeights(video, path, strict: true));
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void ImportWeights_VideoCheckpointIntoBareBackbone_StripsBaseModelAndDropsNewFc()
    {
        using var video = VideoModelFactory.Create(new VideoModelOptions { Backbone = Backbone.ResNet18, WidthMultiplier = 0.125, NumClasses = 3, Seed = 6 });
        using var backbone = ResNet.ResNet18(widthMultiplier: 0.125, includeTop: false);
        string path = Path.Combine(Path.GetTempPath(), $"mlvideo_import_{Guid.NewGuid():N}.safetensors");
        try
        {
            video.SaveSafeTensors(path);
            var report = WeightImport.ImportWeights(backbone, path, strict: true);
            Assert.IsTrue(report.IsExactMatch, report.ToString());
            CollectionAssert.AreEqual(video.GetParameter("base_model.conv1.weight").ToArray(), backbone.GetParameter("conv1.weight").ToArray());
        }
        finally { File.Delete(path); }
    }
}
