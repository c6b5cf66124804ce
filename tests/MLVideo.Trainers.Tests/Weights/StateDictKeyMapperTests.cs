using MLVideo.Trainers.Weights;

namespace MLVideo.Trainers.Tests.Weights;

[TestClass]
public sealed class StateDictKeyMapperTests
{
    private static readonly HashSet<string> ModelKeys = ["conv1.weight", "layer1.0.conv1.net.weight", "layer1.0.bn1.weight", "fc.weight", "features.0.0.weight"];

    [TestMethod]
    [DataRow("module.base_model.conv1.weight", "conv1.weight")]
    [DataRow("base_model.layer1.0.bn1.weight", "layer1.0.bn1.weight")]
    [DataRow("module.new_fc.weight", "fc.weight")]
    [DataRow("classifier.1.weight", "fc.weight")]
    [DataRow("layer1.0.conv1.weight", "layer1.0.conv1.net.weight")]
    [DataRow("unknown.weight", "unknown.weight")]
    public void Map_OfficialKey_GivesModelKey(string fileKey, string modelKey) =>
        Assert.AreEqual(modelKey, StateDictKeyMapper.Map(fileKey, ModelKeys));

    [TestMethod]
    public void Map_WrappedKeyIntoPlainModel_RemovesNetLevel()
    {
        HashSet<string> plain = ["layer1.0.conv1.weight"];
        Assert.AreEqual("layer1.0.conv1.weight", StateDictKeyMapper.Map("module.base_model.layer1.0.conv1.net.weight", plain));
    }
}
