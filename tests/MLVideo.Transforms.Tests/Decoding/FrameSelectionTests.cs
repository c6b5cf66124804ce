using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Tests.Decoding;

[TestClass]
public sealed class FrameSelectionTests
{
    [TestMethod]
    public void SelectFilter_RunsAndRepeats_MergesRunsIntoBetween()
    {
        var s = new FrameSelection([5, 1, 2, 3, 9, 3], "x");
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 5, 9 }, s.Distinct);
        Assert.AreEqual(@"select=between(n\,1\,3)+eq(n\,5)+eq(n\,9)", s.SelectFilter());
    }
}
