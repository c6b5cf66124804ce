using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class InMemoryClipBatchSourceTests
{
    private static InMemoryClipBatchSource Numbered(int count) =>
        new(Enumerable.Range(0, count).Select(i => new float[] { i, i }).ToList(), Enumerable.Range(0, count).Select(i => (long)i).ToList(), [2]);

    private static long[] Labels(IEnumerable<ClipBatch> batches) => batches.SelectMany(b => b.Labels).ToArray();

    [TestMethod]
    public void GetBatches_SameSeed_SameOrder()
    {
        var source = Numbered(50);
        CollectionAssert.AreEqual(Labels(source.GetBatches(8, 5, default)), Labels(source.GetBatches(8, 5, default)));
        CollectionAssert.AreNotEqual(Labels(source.GetBatches(8, 5, default)), Labels(source.GetBatches(8, 6, default)), "another seed, another order");
    }

    [TestMethod]
    public void GetBatches_NoSeed_DataOrderWithASmallerLastBatch()
    {
        var batches = Numbered(10).GetBatches(4, null, default).ToList();
        CollectionAssert.AreEqual(new[] { 4, 4, 2 }, batches.Select(b => b.Count).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), Labels(batches));
        CollectionAssert.AreEqual(new long[] { 2, 2 }, batches[2].Shape);
        CollectionAssert.AreEqual(new float[] { 8, 8, 9, 9 }, batches[2].Data, "clip values follow their labels");
    }

    [TestMethod]
    public void Constructor_ClipOfWrongLength_ThrowsNamingIt()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new InMemoryClipBatchSource([new float[4], new float[3]], [0, 1], [2, 2]));
        StringAssert.Contains(e.Message, "Clip 1");
    }

    [TestMethod]
    public void ClipBatch_ShapeDisagreesWithData_Throws()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new ClipBatch(new float[5], [0, 1], [2, 3]));
        StringAssert.Contains(e.Message, "holds 6 values");
    }
}
