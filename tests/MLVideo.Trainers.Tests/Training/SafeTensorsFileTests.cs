using MLVideo.Trainers.Training;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class SafeTensorsFileTests
{
    private static string TempFile() => Path.Combine(Path.GetTempPath(), "mlvideo-safetensors-tests", Guid.NewGuid().ToString("N") + ".safetensors");

    [TestMethod]
    [TestCategory("Parity")]
    public void Open_PyTorchFixture_ReadsNamesShapesAndMetadata()
    {
        using var file = TrainingFixtures.Open("sgd_momentum");
        Assert.AreEqual("sgd_momentum", file.Metadata["case"]);
        Assert.AreEqual("in.param", file.Names[0], "file order is kept");
        CollectionAssert.AreEqual(new long[] { 4, 6 }, file.Shape("out.momentum_buffer_step3"));
        using var param = file.ReadTensor("in.param");
        Assert.AreEqual(ScalarType.Float32, param.dtype);
        Assert.IsTrue(param.abs().sum().item<float>() > 0);
    }

    [TestMethod]
    public void Save_ThenOpen_RoundTripsEveryDtypeAndScalars()
    {
        string path = TempFile();
        using var floats = randn(3, 4);
        using var doubles = randn(2, dtype: ScalarType.Float64);
        using var longs = tensor(new long[] { 1, -2, long.MaxValue });
        using var bytes = tensor(new byte[] { 0, 7, 255 });
        using var flags = tensor(new[] { true, false });
        using var scalar = tensor(42L);
        SafeTensorsFile.Save(path, [("f", floats), ("d", doubles), ("l", longs), ("b", bytes), ("flag", flags), ("s", scalar)],
            new Dictionary<string, string> { ["note"] = "hello" });
        using var file = SafeTensorsFile.Open(path);
        Assert.AreEqual("hello", file.Metadata["note"]);
        CollectionAssert.AreEqual(new[] { "f", "d", "l", "b", "flag", "s" }, file.Names.ToArray());
        foreach (var (name, original) in new[] { ("f", floats), ("d", doubles), ("l", longs), ("b", bytes), ("flag", flags), ("s", scalar) })
        {
            using var read = file.ReadTensor(name);
            Assert.AreEqual(original.dtype, read.dtype, name);
            Assert.IsTrue(original.Equals(read), name);
        }
        Assert.AreEqual(0, file.Shape("s").Length, "a scalar has shape []");
    }

    [TestMethod]
    public void Save_FailingMidway_KeepsThePreviousFileAndLeavesNoTemporary()
    {
        string path = TempFile();
        using var first = ones(2, 2);
        SafeTensorsFile.Save(path, [("x", first)], null);
        var before = File.ReadAllBytes(path);

        var broken = ones(2, 2);
        broken.Dispose();
        Assert.ThrowsExactly<InvalidOperationException>(() => SafeTensorsFile.Save(path, [("x", first), ("y", broken)], null));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(path), "the previous file is untouched");
        Assert.AreEqual(1, Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").Length, "no temporary file is left");
    }

    [TestMethod]
    public void Open_TruncatedFile_ThrowsNamingTheFile()
    {
        string path = TempFile();
        using var big = zeros(64, 64);
        SafeTensorsFile.Save(path, [("x", big)], null);
        var content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..(content.Length - 100)]);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => SafeTensorsFile.Open(path).Dispose());
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "truncated");
    }

    [TestMethod]
    public void Open_NotSafetensors_ThrowsNamingTheFile()
    {
        string path = TempFile();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "this is not a tensor file at all");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => SafeTensorsFile.Open(path).Dispose());
        StringAssert.Contains(e.Message, path);
    }
}
