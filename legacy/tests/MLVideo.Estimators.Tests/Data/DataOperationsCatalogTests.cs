using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class DataOperationsCatalogTests
{
    private static List<NumberRow> Rows(int n, int groups = 0) =>
        Enumerable.Range(0, n).Select(i => new NumberRow { X = i, Label = groups > 0 ? "g" + (i % groups) : "r" + i }).ToList();

    [TestMethod]
    public void TrainTestSplit_NoKey_PartitionsRowsRepeatably()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(1000));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 5);
        var train = Columns.Read<float>(split.TrainSet, "X");
        var test = Columns.Read<float>(split.TestSet, "X");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 1000).Select(i => (float)i).ToArray(), train.Concat(test).ToArray());
        Assert.IsTrue(test.Count is > 150 and < 250, $"test rows {test.Count} far from 20% of 1000");
        CollectionAssert.AreEqual(test, Columns.Read<float>(ml.Data.TrainTestSplit(data, 0.2, seed: 5).TestSet, "X"));
        CollectionAssert.AreNotEqual(test, Columns.Read<float>(ml.Data.TrainTestSplit(data, 0.2, seed: 6).TestSet, "X"));
    }

    [TestMethod]
    public void TrainTestSplit_SamplingKey_KeepsGroupsTogether()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(600, groups: 40));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, samplingKeyColumnName: "Label", seed: 2);
        var trainGroups = Columns.Read<ReadOnlyMemory<char>>(split.TrainSet, "Label").Select(m => m.ToString()).ToHashSet();
        var testGroups = Columns.Read<ReadOnlyMemory<char>>(split.TestSet, "Label").Select(m => m.ToString()).ToHashSet();
        Assert.IsEmpty(trainGroups.Intersect(testGroups), "a group appears in both sets");
        Assert.AreEqual(40, trainGroups.Count + testGroups.Count);
        Assert.IsTrue(testGroups.Count is > 3 and < 25, $"{testGroups.Count} of 40 groups in test");
    }

    [TestMethod]
    public void TrainTestSplit_BadArguments_Throw()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 1.5));
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.Data.TrainTestSplit(data, 0.5, samplingKeyColumnName: "Group"));
        StringAssert.StartsWith(e.Message, "Could not find sampling key column 'Group'");
    }

    [TestMethod]
    public void ShuffleRows_StreamingInput_PoolShufflePermutes()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(200).Select(r => r)); // a plain sequence: not shufflable
        Assert.IsFalse(data.CanShuffle);
        var shuffled = ml.Data.ShuffleRows(data, seed: 3, shufflePoolSize: 50);
        var a = Columns.Read<float>(shuffled, "X");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 200).Select(i => (float)i).ToArray(), a.ToArray());
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 200).Select(i => (float)i).ToArray(), a.ToArray());
        CollectionAssert.AreEqual(a, Columns.Read<float>(shuffled, "X"), "cursors without a generator share the seeded order");
        var labels = Columns.Read<ReadOnlyMemory<char>>(shuffled, "Label").Select(m => m.ToString()).ToList();
        CollectionAssert.AreEqual(a.Select(x => "r" + x).ToList(), labels, "columns stay aligned");
    }

    [TestMethod]
    public void ShuffleRows_ListInput_FullShuffle()
    {
        var ml = new MLVideoContext(seed: 1);
        var shuffled = ml.Data.ShuffleRows(ml.Data.LoadFromEnumerable(Rows(100)), seed: 3);
        var a = Columns.Read<float>(shuffled, "X");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), a.ToArray());
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), a.ToArray());
    }

    [TestMethod]
    public void TakeRows_Count_FirstRowsOnly()
    {
        var ml = new MLVideoContext(seed: 1);
        var taken = ml.Data.TakeRows(ml.Data.LoadFromEnumerable(Rows(10)), 3);
        CollectionAssert.AreEqual(new float[] { 0, 1, 2 }, Columns.Read<float>(taken, "X"));
        Assert.AreEqual(3L, taken.GetRowCount());
    }

    [TestMethod]
    public void SkipRows_Count_RemainingRows()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(5));
        CollectionAssert.AreEqual(new float[] { 3, 4 }, Columns.Read<float>(ml.Data.SkipRows(data, 3), "X"));
        Assert.AreEqual(0L, ml.Data.SkipRows(data, 9).GetRowCount());
        Assert.IsEmpty(Columns.Read<float>(ml.Data.SkipRows(data, 9), "X"));
    }

    [TestMethod]
    public void Cache_SecondPass_ReadsMemoryNotSource()
    {
        var ml = new MLVideoContext(seed: 1);
        var rows = Enumerable.Range(0, 5).Select(i => new CountingRow { X = i, Name = "n" + i }).ToList();
        var cached = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var first = Columns.Read<float>(cached, "X");
        var second = Columns.Read<float>(cached, "X");
        CollectionAssert.AreEqual(first, second);
        Assert.IsTrue(rows.All(r => r.XReads == 1), "X was read from the source twice");
        Assert.IsTrue(rows.All(r => r.NameReads == 0), "Name was cached without being asked");
        using var c = cached.GetRowCursor(cached.Schema, new Random(1));
        var g = c.GetGetter<float>(cached.Schema["X"]);
        var order = new List<float>();
        float v = 0;
        while (c.MoveNext()) { g(ref v); order.Add(v); }
        CollectionAssert.AreEquivalent(first, order);
        Assert.IsTrue(rows.All(r => r.NameReads == 1));
    }

    [TestMethod]
    public void FilterRowsByColumn_Bounds_LowerInclusiveUpperExclusive_NaNDropped()
    {
        var ml = new MLVideoContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new float[] { 0, 1, 2, 3, float.NaN, 4 }.Select(x => new NumberRow { X = x }).ToList());
        CollectionAssert.AreEqual(new float[] { 1, 2, 3 }, Columns.Read<float>(ml.Data.FilterRowsByColumn(data, "X", 1, 4), "X"));
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.Data.FilterRowsByColumn(data, "Label", 0, 1));
        StringAssert.StartsWith(e.Message, "Schema mismatch for filter column 'Label': expected Single or Double, got String");
    }
}
