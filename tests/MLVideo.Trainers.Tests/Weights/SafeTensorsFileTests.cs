using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Weights;

[TestClass]
public sealed class SafeTensorsFileTests
{
    [TestMethod]
    public void ToTensor_OpenedFile_RoundTripsEveryDTypeAndScalars()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("all.safetensors");
        var tensors = new List<KeyValuePair<string, Tensor>>
        {
            new("f", randn(3, 4)),
            new("d", randn(2, dtype: ScalarType.Float64)),
            new("l", tensor(new long[] { 1, -2, long.MaxValue })),
            new("i", tensor(new[] { int.MinValue, 0, 5 })),
            new("s", tensor(42L)),
            new("empty", zeros(0, 3)),
        };
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["note"] = "hello" });

        using var file = SafeTensorsReader.Open(path);
        Assert.AreEqual("hello", file.Metadata["note"]);
        CollectionAssert.AreEqual(tensors.Select(t => t.Key).ToList(), file.Entries.Select(e => e.Name).ToList());
        foreach (var (name, original) in tensors)
        {
            var read = file.ToTensor(name);
            Assert.AreEqual(original.dtype, read.dtype, name);
            CollectionAssert.AreEqual(original.shape, read.shape, name);
            Assert.IsTrue(original.Equals(read), name);
        }
        Assert.AreEqual(0, file["s"].Shape.Length, "a scalar has shape []");
    }

    [TestMethod]
    public void ToTensor_Device_PlacesTheTensorThere()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("w.safetensors");
        SafeTensorsWriter.Write(path, [KeyValuePair.Create("w", ones(2, 3))]);
        using var file = SafeTensorsReader.Open(path);
        // The meta device takes shape and dtype without storage: a device other than the CPU that every machine has.
        var onMeta = file.ToTensor("w", new Device(DeviceType.META));
        Assert.AreEqual(DeviceType.META, onMeta.device_type);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, onMeta.shape);
        Assert.AreEqual(DeviceType.CPU, file.ToTensor("w").device_type);
    }

    [TestMethod]
    public void ToTensor_FileShrankAfterOpen_ThrowsTruncatedNamingFileAndTensor()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("shrinking.safetensors");
        SafeTensorsWriter.Write(path, [KeyValuePair.Create("a", ones(4)), KeyValuePair.Create("b", ones(64))]);
        using var file = SafeTensorsReader.Open(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(stream.Length - 16);
        using (var a = file.ToTensor("a")) Assert.AreEqual(4f, a.sum().item<float>(), "data before the cut still reads");
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => file.ToTensor("b"));
        Assert.AreEqual(path, e.FileName);
        StringAssert.Contains(e.Fault, "'b'");
        StringAssert.Contains(e.Fault, "truncated");
    }

    [TestMethod]
    public void ToTensor_UnknownName_ThrowsNamingFileAndTensor()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [KeyValuePair.Create("w", ones(1))]);
        stream.Position = 0;
        var file = SafeTensorsReader.Read(stream, "weights.safetensors");
        var e = Assert.ThrowsExactly<KeyNotFoundException>(() => file.ToTensor("v"));
        StringAssert.Contains(e.Message, "weights.safetensors");
        StringAssert.Contains(e.Message, "'v'");
    }

    [TestMethod]
    public void ToTensor_AfterDispose_ThrowsObjectDisposed()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        string path = folder.File("w.safetensors");
        SafeTensorsWriter.Write(path, [KeyValuePair.Create("w", ones(1))]);
        var file = SafeTensorsReader.Open(path);
        file.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => file.ToTensor("w"));
    }
}
