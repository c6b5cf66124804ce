using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;
using MLVideo.Trainers.Weights;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Weights;

[TestClass]
public sealed class StateDictImporterTests
{
    private static readonly VideoModelSpec TsmSpec = new() { Method = VideoMethod.Tsm, Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 4, NumClasses = 5 };

    [TestMethod]
    public void Import_PyTorchFileSavedByPyBridge_LoadsEveryTensor()
    {
        using var folder = new TempFolder();
        using var source = ResNet.ResNet18(numClasses: 4, widthMultiplier: 0.25, generator: new Generator(1));
        using var target = ResNet.ResNet18(numClasses: 4, widthMultiplier: 0.25, generator: new Generator(2));
        string path = folder.File("resnet.pt");
        source.save_py(path);

        var report = StateDictImporter.Import(target, path);
        Assert.IsTrue(report.IsExact);
        Assert.AreEqual(source.state_dict().Count, report.Loaded.Count);
        AssertSameState(source, target);
    }

    [TestMethod]
    public void Import_OfficialTsmCheckpointLayout_StripsModuleAndBaseModelAndRenamesNewFc()
    {
        using var folder = new TempFolder();
        using var source = VideoModelFactory.Create(TsmSpec, torch.CPU, new Generator(1));
        using var target = VideoModelFactory.Create(TsmSpec, torch.CPU, new Generator(2));
        // The official TSM/GSF checkpoint keys: module.base_model.<backbone key>, module.new_fc.<...>.
        var official = source.state_dict().ToDictionary(
            kv => kv.Key.StartsWith("fc.", StringComparison.Ordinal) ? "module.new_fc." + kv.Key[3..] : "module.base_model." + kv.Key,
            kv => kv.Value);
        string path = folder.File("tsm_official.pth");
        PyTorchPickler.PickleStateDict(path, official);

        var report = StateDictImporter.Import(target, path);
        Assert.IsTrue(report.IsExact);
        Assert.AreEqual("fc.weight", report.Renamed["module.new_fc.weight"]);
        Assert.AreEqual("layer1.0.conv1.net.weight", report.Renamed["module.base_model.layer1.0.conv1.net.weight"]);
        AssertSameState(source, target);
    }

    [TestMethod]
    public void Import_ImageNetBackboneIntoTsm_AddsNetLevelAndSkipsMisShapedFcNonStrictly()
    {
        using var folder = new TempFolder();
        using var imagenet = ResNet.ResNet18(numClasses: 1000, widthMultiplier: 0.25, generator: new Generator(3));
        using var target = VideoModelFactory.Create(TsmSpec, torch.CPU);
        string path = folder.File("imagenet.safetensors");
        SafeTensorsWriter.WriteStateDict(path, imagenet);

        var e = Assert.ThrowsExactly<StateDictMismatchException>(() => StateDictImporter.Import(target, path));
        Assert.AreEqual(path, e.FileName);
        CollectionAssert.AreEquivalent(new[] { "fc.weight", "fc.bias" }, e.MisShaped.Select(m => m.Key).ToList());
        StringAssert.Contains(e.Message, "fc.weight: model [5, 128], file [1000, 128]");

        var report = StateDictImporter.Import(target, path, strict: false);
        Assert.AreEqual(2, report.MisShaped.Count);
        Assert.AreEqual(0, report.Missing.Count(k => !k.StartsWith("fc.", StringComparison.Ordinal)));
        Assert.AreEqual("layer2.1.conv1.net.weight", report.Renamed["layer2.1.conv1.weight"]);
        var loaded = target.state_dict()["layer2.1.conv1.net.weight"];
        Assert.IsTrue(loaded.eq(imagenet.state_dict()["layer2.1.conv1.weight"]).all().item<bool>());
    }

    [TestMethod]
    public void Import_MissingAndUnexpectedKeys_AreReportedByName()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResNet.ResNet18(numClasses: 2, widthMultiplier: 0.25);
        var state = model.state_dict().Where(kv => kv.Key != "layer3.0.bn1.weight").ToList();
        state.Add(new("layer9.0.conv1.weight", torch.zeros(1)));

        var e = Assert.ThrowsExactly<StateDictMismatchException>(() => StateDictImporter.Import(model, state, "partial.pt"));
        CollectionAssert.AreEqual(new[] { "layer3.0.bn1.weight" }, e.Missing.ToList());
        CollectionAssert.AreEqual(new[] { "layer9.0.conv1.weight" }, e.Unexpected.ToList());
        StringAssert.StartsWith(e.Message, "partial.pt:");
        StringAssert.Contains(e.Message, "layer3.0.bn1.weight");
        StringAssert.Contains(e.Message, "layer9.0.conv1.weight");
    }

    [TestMethod]
    public void Import_StrictFailure_CopiesNothing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResNet.ResNet18(numClasses: 2, widthMultiplier: 0.25);
        var before = model.state_dict()["conv1.weight"].clone();
        var state = new List<KeyValuePair<string, Tensor>> { new("conv1.weight", torch.ones_like(before)) };
        Assert.ThrowsExactly<StateDictMismatchException>(() => StateDictImporter.Import(model, state, "one-key"));
        Assert.IsTrue(model.state_dict()["conv1.weight"].eq(before).all().item<bool>());
    }

    [TestMethod]
    public void Import_WithoutNumBatchesTracked_IsExactAndKeepsCounters()
    {
        using var scope = torch.NewDisposeScope();
        using var source = ResNet.ResNet18(numClasses: 2, widthMultiplier: 0.25);
        using var target = ResNet.ResNet18(numClasses: 2, widthMultiplier: 0.25);
        var state = source.state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();
        var report = StateDictImporter.Import(target, state, "no-counters");
        Assert.IsTrue(report.IsExact);
        Assert.AreEqual(0L, target.state_dict()["bn1.num_batches_tracked"].item<long>());
    }

    [TestMethod]
    public void Import_NotAWeightsFile_ThrowsNamingFile()
    {
        using var folder = new TempFolder();
        using var model = ResNet.ResNet18(numClasses: 2, widthMultiplier: 0.25);
        string path = folder.File("notes.txt");
        File.WriteAllText(path, "these are not weights");
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => StateDictImporter.Import(model, path));
        Assert.AreEqual(path, e.FileName);
    }

    private static void AssertSameState(nn.Module expected, nn.Module actual)
    {
        var reference = expected.state_dict();
        foreach (var (key, value) in actual.state_dict())
            Assert.IsTrue(value.eq(reference[key]).all().item<bool>(), key);
    }
}
