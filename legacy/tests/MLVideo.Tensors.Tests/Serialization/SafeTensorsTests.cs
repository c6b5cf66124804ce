using System.Text;
using MLVideo.Tensors;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Tensors.Tests.Serialization;

[TestClass]
public sealed class SafeTensorsTests
{
    [TestMethod]
    public void SaveLoad_RoundTripsValuesShapesOrderAndMetadata()
    {
        var a = Tensor.Randn([2, 3], new Generator(1));
        var s = Tensor.Scalar(5f);
        using var ms = new MemoryStream();
        SafeTensors.Save(ms, [new("b.weight", a), new("a.scalar", s)], new Dictionary<string, string> { ["format"] = "pt" });
        ms.Position = 0;
        var file = SafeTensors.Load(ms);
        CollectionAssert.AreEqual(new[] { "b.weight", "a.scalar" }, file.Names.ToArray());
        CollectionAssert.AreEqual(a.ToArray(), file.GetTensor("b.weight").ToArray());
        Assert.AreEqual(0, file["a.scalar"].Shape.Length);
        Assert.AreEqual(5f, file.GetTensor("a.scalar").Item());
        Assert.AreEqual("pt", file.Metadata["format"]);
    }

    [TestMethod]
    public void Load_FixtureWithInt64_ReadsBoth()
    {
        var f = Fixtures.Fixture.Load("topk");
        Assert.IsTrue(f.Has("out.indices"));
        Assert.IsTrue(f.GetInt64("out.indices").All(i => i >= 0));
    }

    [TestMethod]
    public void Load_Truncated_ThrowsInvalidData()
    {
        using var ms = new MemoryStream();
        SafeTensors.Save(ms, [new("x", Tensor.Ones(10))]);
        var bytes = ms.ToArray()[..^8];
        var e = Assert.ThrowsExactly<InvalidDataException>(() => SafeTensors.Load(new MemoryStream(bytes), "x.safetensors"));
        StringAssert.Contains(e.Message, "truncated");
    }

    [TestMethod]
    public void Load_NotSafetensors_ThrowsInvalidData()
    {
        var bytes = Encoding.UTF8.GetBytes("this is a text file, not tensors at all");
        Assert.ThrowsExactly<InvalidDataException>(() => SafeTensors.Load(new MemoryStream(bytes), "t.txt"));
    }
}
