using MLVideo.Tensors.Nn;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>Key rewriting of <see cref="StateDictMapper"/>.</summary>
[TestClass]
public sealed class StateDictMapperTests
{
    [TestMethod]
    public void Map_StripWrapperPrefixes_RemovesModuleThenBaseModel()
    {
        var m = StateDictMapper.StripWrapperPrefixes();
        Assert.AreEqual("layer1.0.conv1.net.weight", m.Map("module.base_model.layer1.0.conv1.net.weight"));
        Assert.AreEqual("fc.bias", m.Map("base_model.fc.bias"));
        Assert.AreEqual("fc.bias", m.Map("fc.bias"));
        Assert.AreEqual("xmodule.fc", m.Map("xmodule.fc"));
    }

    [TestMethod]
    public void Map_RegexRenameAndDrop_AppliedInOrder()
    {
        var m = new StateDictMapper().Rename(@"^layer(\d)\.(\d+)\.conv1\.weight$", "layer$1.$2.conv1.net.weight").Drop(@"^fc\.");
        Assert.AreEqual("layer2.3.conv1.net.weight", m.Map("layer2.3.conv1.weight"));
        Assert.IsNull(m.Map("fc.weight"));
        Assert.AreEqual("bn1.bias", m.Map("bn1.bias"));
        var d = new StateDictMapper().Drop(k => k.EndsWith("num_batches_tracked"));
        Assert.IsNull(d.Map("bn1.num_batches_tracked"));
    }

    [TestMethod]
    public void Apply_TwoKeysToOne_ThrowsNamingBoth()
    {
        var m = new StateDictMapper().StripPrefix("module.");
        var sd = new OrderedDictionary<string, Tensor> { ["module.fc.weight"] = Tensor.Ones(1), ["fc.weight"] = Tensor.Ones(1) };
        var e = Assert.ThrowsExactly<ArgumentException>(() => m.Apply(sd));
        StringAssert.Contains(e.Message, "'module.fc.weight'");
        StringAssert.Contains(e.Message, "'fc.weight'");
    }

    [TestMethod]
    public void Apply_KeepsOrderAndTensors()
    {
        var a = Tensor.Ones(1);
        var b = Tensor.Ones(2);
        var sd = new OrderedDictionary<string, Tensor> { ["module.b"] = b, ["module.a"] = a };
        var mapped = new StateDictMapper().StripPrefix("module.").Apply(sd);
        CollectionAssert.AreEqual(new[] { "b", "a" }, mapped.Keys.ToArray());
        Assert.AreSame(a, mapped["a"]);
    }
}
