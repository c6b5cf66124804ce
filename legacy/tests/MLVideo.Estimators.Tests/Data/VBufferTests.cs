using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class VBufferTests
{
    [TestMethod]
    public void Editor_LargeEnoughBuffer_ReusesArray()
    {
        var first = new VBuffer<float>(4, [1, 2, 3, 4]);
        var dst = first;
        var editor = VBufferEditor.Create(ref dst, 3);
        editor.Values.Fill(9);
        dst = editor.Commit();
        Assert.AreEqual(3, dst.Length);
        CollectionAssert.AreEqual(new float[] { 9, 9, 9 }, dst.GetValues().ToArray());
        Assert.AreEqual(9f, first.GetValues()[0], "the array of the old buffer was reused");
    }

    [TestMethod]
    public void CopyTo_Always_CopiesValuesNotArray()
    {
        var source = new VBuffer<int>(2, [5, 6]);
        VBuffer<int> copy = default;
        source.CopyTo(ref copy);
        CollectionAssert.AreEqual(new[] { 5, 6 }, copy.GetValues().ToArray());
        var editor = VBufferEditor.Create(ref copy, 2);
        editor.Values[0] = 0;
        copy = editor.Commit();
        Assert.AreEqual(5, source.GetValues()[0]);
    }

    [TestMethod]
    public void Constructor_SparseOrShortValues_Throws()
    {
        Assert.ThrowsExactly<NotSupportedException>(() => new VBuffer<float>(3, [1, 2], [0, 2]));
        Assert.ThrowsExactly<ArgumentException>(() => new VBuffer<float>(3, [1, 2]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(2, [1, 2]).GetItemOrDefault(2));
    }
}
