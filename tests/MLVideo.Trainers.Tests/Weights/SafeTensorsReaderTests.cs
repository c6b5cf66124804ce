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
        byte[] header = Encoding.UTF8.GetBytes("{not json");
        using var stream = new MemoryStream([.. BitConverter.GetBytes((ulong)header.Length), .. header]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "bad.safetensors"));
        StringAssert.Contains(e.Fault, "JSON");
    }

    [TestMethod]
    public void Read_UnsupportedDType_ThrowsNamingIt()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"h\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}");
        using var stream = new MemoryStream([.. BitConverter.GetBytes((ulong)header.Length), .. header, 0, 0, 0, 0]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "half.safetensors"));
        StringAssert.Contains(e.Message, "BF16");
    }

    [TestMethod]
    public void Read_SizeDisagreesWithShape_Throws()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}");
        using var stream = new MemoryStream([.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[8]]);
        var e = Assert.ThrowsExactly<SafeTensorsFormatException>(() => SafeTensorsReader.Read(stream, "odd.safetensors"));
        StringAssert.Contains(e.Message, "needs 12 bytes");
    }

    private static byte[] Valid()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [new("w", torch.ones(4))]);
        return stream.ToArray();
    }
}
