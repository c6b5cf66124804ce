using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Readers;

[TestClass]
public sealed class LabelMapTests
{
    [TestMethod]
    public void Load_Kinetics400_IdsAreLineNumbers()
    {
        var map = LabelMap.Load(Path.Combine(TestVideos.Annotations, "mmaction2_label_map_k400.txt"));
        Assert.AreEqual(400, map.Count);
        Assert.AreEqual(0, map.IdOf("abseiling"));
        Assert.AreEqual(5, map.IdOf("archery"));
        Assert.AreEqual(6, map.IdOf("arm wrestling"));
        Assert.AreEqual("arm wrestling", map[6]);
    }

    [TestMethod]
    public void Load_DuplicateOrBlankName_Throws()
    {
        Assert.ThrowsExactly<FormatException>(() => new LabelMap(["a", "b", "a"]));
        Assert.ThrowsExactly<FormatException>(() => new LabelMap(["a", "", "b"]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LabelMap(["a"])[1]);
    }
}
