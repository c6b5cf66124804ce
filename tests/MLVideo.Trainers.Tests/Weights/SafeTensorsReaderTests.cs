using System.Text;
using MLVideo.Trainers.Tests.Fixtures;
using MLVideo.Trainers.Weights;
using TorchSharp;

namespace MLVideo.Trainers.Tests.Weights;

[TestClass]
public sealed class SafeTensorsReaderTests
{
    [TestMethod]
    [TestCategory("Parity")]
    public void Read_FixtureFile_GivesMetadataAndI64Buffers()
    {
        var file = SafeTensorsReader.Read(Path.Combine(FixtureFolder.Path, "tsm_bottleneck_train.safetensors"));
        Assert.AreEqual("tsm_bottleneck_train", file.Metadata["case"]);
        var counter = file["buffer.bn1.num_batches_tracked"];
        Assert.AreEqual("I64", counter.DType);
        Assert.AreEqual(0, counter.Shape.Length);
        using var value = file.ToTensor(counter.Name);
        Assert.AreEqual(torch.int64, value.dtype);
    }

    [TestMethod]
    public void Read_Truncated_ThrowsNamingFileAndTensor()
    {
        byte[] bytes = Valid();
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 3);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "cut.safetensors"));
        Assert.AreEqual("cut.safetensors", e.FileName);
        StringAssert.Contains(e.Message, "'w'");
        StringAssert.Contains(e.Message, "truncated");
    }

    [TestMethod]
    public void Read_TooShortForHeader_Throws()
    {
        using var stream = new MemoryStream([1, 2, 3]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "tiny"));
        StringAssert.Contains(e.Message, "tiny");
    }

    [TestMethod]
    public void Read_HeaderNotJson_Throws()
    {
        using var stream = new MemoryStream(WithHeader("{not json", dataBytes: 0));
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "bad.safetensors"));
        StringAssert.Contains(e.Fault, "JSON");
    }

    [TestMethod]
    public void Read_UnsupportedDType_ThrowsNamingIt()
    {
        using var stream = new MemoryStream(WithHeader("{\"h\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", dataBytes: 4));
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "half.safetensors"));
        StringAssert.Contains(e.Message, "BF16");
    }

    [TestMethod]
    public void Read_SizeDisagreesWithShape_Throws()
    {
        using var stream = new MemoryStream(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", dataBytes: 8));
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "odd.safetensors"));
        StringAssert.Contains(e.Message, "needs 12 bytes");
    }

    [TestMethod]
    [TestCategory("Parity")]
    public void Open_FixtureFile_ReadsTheHeaderAndTensorsOnDemandLikeRead()
    {
        string path = Path.Combine(FixtureFolder.Path, "sgd_momentum.safetensors");
        var whole = SafeTensorsReader.Read(path);
        using var file = SafeTensorsReader.Open(path);
        Assert.AreEqual(path, file.SourceName);
        Assert.AreEqual("sgd_momentum", file.Metadata["case"]);
        CollectionAssert.AreEqual(whole.Entries.Select(e => e.Name).ToList(), file.Entries.Select(e => e.Name).ToList(), "file order is kept");
        CollectionAssert.AreEqual(new long[] { 4, 6 }, file["out.momentum_buffer_step3"].Shape);
        foreach (var entry in file.Entries)
        {
            using var lazy = file.ToTensor(entry.Name);
            using var loaded = whole.ToTensor(entry.Name);
            Assert.IsTrue(lazy.Equals(loaded), entry.Name);
        }
    }

    [TestMethod]
    public void Open_Truncated_ThrowsNamingFileAndTensor()
    {
        using var folder = new TempFolder();
        string path = folder.File("cut.safetensors");
        byte[] bytes = Valid();
        File.WriteAllBytes(path, bytes[..^3]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        Assert.AreEqual(path, e.FileName);
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "'w'");
        StringAssert.Contains(e.Message, "truncated");
    }

    [TestMethod]
    public void Open_TruncatedInsideHeader_ThrowsNamingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("short-header.safetensors");
        File.WriteAllBytes(path, Valid()[..20]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Fault, "truncated inside the");
    }

    [TestMethod]
    public void Open_NotSafetensors_ThrowsHeaderTooLargeNamingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("notes.safetensors");
        File.WriteAllText(path, "this is not a tensor file at all");
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Fault, "header too large");
    }

    [TestMethod]
    public void Open_ShorterThanLengthPrefix_ThrowsNamingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Fault, "3 bytes");
    }

    [TestMethod]
    public void Open_TensorOutOfRange_ThrowsNamingTensor()
    {
        using var folder = new TempFolder();
        string path = folder.File("range.safetensors");
        File.WriteAllBytes(path, WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", dataBytes: 8));
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        StringAssert.Contains(e.Message, "'b' spans bytes [8, 12) but the data block has 8 bytes");
    }

    [TestMethod]
    public void Read_RepeatedTensorName_Throws()
    {
        using var stream = new MemoryStream(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", dataBytes: 8));
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "twice.safetensors"));
        StringAssert.Contains(e.Fault, "'w' appears twice");
    }

    [TestMethod]
    public void Open_Missing_ThrowsFileNotFound()
    {
        using var folder = new TempFolder();
        Assert.ThrowsExactly<FileNotFoundException>(() => SafeTensorsReader.Open(folder.File("nothing.safetensors")).Dispose());
    }

    /// <summary>An 8-byte length, the JSON header as given, then <paramref name="dataBytes"/> zero bytes.</summary>
    private static byte[] WithHeader(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[dataBytes]];
    }

    private static byte[] Valid()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [new("w", torch.ones(4))]);
        return stream.ToArray();
    }
}
