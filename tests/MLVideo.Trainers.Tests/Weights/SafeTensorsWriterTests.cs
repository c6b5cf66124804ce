using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Weights;

[TestClass]
public sealed class SafeTensorsWriterTests
{
    [TestMethod]
    public void Write_ThenRead_RoundTripsValuesTypesShapesOrderAndMetadata()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        var tensors = new List<KeyValuePair<string, Tensor>>
        {
            new("b.weight", torch.randn([3, 2, 5])),
            new("a.count", torch.tensor(7L)),
            new("c.indices", torch.tensor(new long[] { -1, 0, long.MaxValue })),
            new("d.empty", torch.zeros([0, 4])),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "mlvideo", ["spec"] = "{\"NumClasses\":3}" };
        string path = folder.File("w.safetensors");
        SafeTensorsWriter.Write(path, tensors, metadata);

        var file = SafeTensorsReader.Read(path);
        CollectionAssert.AreEqual(tensors.Select(t => t.Key).ToList(), file.Entries.Select(e => e.Name).ToList());
        CollectionAssert.AreEqual(new[] { "F32", "I64", "I64", "F32" }, file.Entries.Select(e => e.DType).ToList());
        CollectionAssert.AreEquivalent(metadata, file.Metadata.ToDictionary());
        foreach (var (name, expected) in tensors)
        {
            var actual = file.ToTensor(name);
            CollectionAssert.AreEqual(expected.shape, actual.shape, name);
            Assert.AreEqual(expected.dtype, actual.dtype, name);
            Assert.IsTrue(actual.eq(expected).all().item<bool>(), name);
        }
        Assert.AreEqual(0, (new FileInfo(path).Length - 8 - file.Entries.Sum(e => e.End - e.Begin)) % 8, "header padded to 8 bytes");
    }

    [TestMethod]
    public void WriteStateDict_Model_ReadsBackIntoAFreshModel()
    {
        using var folder = new TempFolder();
        using var source = ResNet.ResNet18(numClasses: 3, widthMultiplier: 0.25, generator: new Generator(1));
        using var target = ResNet.ResNet18(numClasses: 3, widthMultiplier: 0.25, generator: new Generator(2));
        string path = folder.File("model.safetensors");
        SafeTensorsWriter.WriteStateDict(path, source);
        var report = StateDictImporter.Import(target, path);
        Assert.IsTrue(report.IsExact);
        var expected = source.state_dict();
        foreach (var (key, value) in target.state_dict())
            Assert.IsTrue(value.eq(expected[key]).all().item<bool>(), key);
    }

    [TestMethod]
    public void Write_Path_ReplacesTheFileAndLeavesNoTemporary()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("nested/w.safetensors");
        SafeTensorsWriter.Write(path, [new("x", torch.zeros(2))]);
        SafeTensorsWriter.Write(path, [new("y", torch.ones(3))]);
        var file = SafeTensorsReader.Read(path);
        CollectionAssert.AreEqual(new[] { "y" }, file.Entries.Select(e => e.Name).ToList(), "the second write replaced the first");
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!), "only the target is in the folder");
    }

    [TestMethod]
    public void Write_FailingMidway_KeepsThePreviousFileAndLeavesNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("w.safetensors");
        using var first = torch.ones(2, 2);
        SafeTensorsWriter.Write(path, [new("x", first)]);
        var before = File.ReadAllBytes(path);

        var broken = torch.ones(2, 2);
        broken.Dispose();
        Assert.ThrowsExactly<InvalidOperationException>(() => SafeTensorsWriter.Write(path, [new("x", first), new("y", broken)]));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(path), "the previous file is untouched");
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(folder.Path), "no temporary file is left");
    }

    [TestMethod]
    public void Write_PathWithUnsupportedType_KeepsThePreviousFileAndLeavesNoTemporary()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("w.safetensors");
        SafeTensorsWriter.Write(path, [new("x", torch.ones(2))]);
        var before = File.ReadAllBytes(path);
        Assert.ThrowsExactly<ArgumentException>(() => SafeTensorsWriter.Write(path, [new("mask", torch.zeros(2, dtype: ScalarType.Bool))]));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Write_DuplicateName_Throws()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            SafeTensorsWriter.Write(stream, [new("x", torch.zeros(1)), new("x", torch.ones(1))]));
        StringAssert.Contains(e.Message, "'x'");
    }

    [TestMethod]
    public void Write_UnsupportedType_ThrowsNamingTensor()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            SafeTensorsWriter.Write(stream, [new("mask", torch.zeros(2, dtype: ScalarType.Bool))]));
        StringAssert.Contains(e.Message, "mask");
    }
}
