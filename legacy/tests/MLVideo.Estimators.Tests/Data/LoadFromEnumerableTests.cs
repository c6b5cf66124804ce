using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class LoadFromEnumerableTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    [TestMethod]
    public void LoadFromEnumerable_AttributedClass_MapsColumnsAndTypes()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new VectorRow { Values = [1, 2, 3, 4, 5, 6], Key = 2, Tags = ["x"] } });
        var s = view.Schema;
        CollectionAssert.AreEqual(new[] { "Flag", "Count", "Big", "Features", "Key", "Tags" }, s.Select(c => c.Name).ToArray());
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2, 3), s["Features"].Type);
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 4), s["Key"].Type);
        Assert.AreEqual(BooleanDataViewType.Instance, s["Flag"].Type);
        Assert.AreEqual(NumberDataViewType.Int32, s["Count"].Type);
        Assert.AreEqual(NumberDataViewType.Int64, s["Big"].Type);
        Assert.AreEqual(new VectorDataViewType(TextDataViewType.Instance), s["Tags"].Type);
        Assert.AreEqual(1L, view.GetRowCount());
        var features = Columns.Read<VBuffer<float>>(view, "Features").Single();
        CollectionAssert.AreEqual(new float[] { 1, 2, 3, 4, 5, 6 }, features.GetValues().ToArray());
    }

    [TestMethod]
    public void Getter_WrongVectorLength_ThrowsNamingColumn()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new VectorRow { Values = [1, 2] } });
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Columns.Read<VBuffer<float>>(view, "Features"));
        StringAssert.Contains(e.Message, "Features");
    }

    [TestMethod]
    public void Cursor_OnlyActiveColumns_AreRead_OncePerRow()
    {
        var rows = Enumerable.Range(0, 5).Select(i => new CountingRow { X = i, Name = "r" + i }).ToList();
        var view = Ml.Data.LoadFromEnumerable(rows);
        var x = view.Schema["X"];
        using (var cursor = view.GetRowCursor([x]))
        {
            var getter = cursor.GetGetter<float>(x);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                getter(ref value); // a second read of the same row must not recompute
            }
            Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Name"]));
        }
        Assert.IsTrue(rows.All(r => r.XReads == 1), $"X reads per row: {string.Join(",", rows.Select(r => r.XReads))}");
        Assert.IsTrue(rows.All(r => r.NameReads == 0), "the inactive Name column was read");
    }

    [TestMethod]
    public void GetGetter_WrongType_ThrowsNamingColumnAndTypes()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { X = 1 } });
        using var cursor = view.GetRowCursor(view.Schema);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<double>(view.Schema["X"]));
        StringAssert.Contains(e.Message, "'X'");
        StringAssert.Contains(e.Message, "Single");
    }

    [TestMethod]
    public void CreateEnumerable_RoundTrip_GivesSameValues()
    {
        var source = new[]
        {
            new VectorRow { Values = [1, 2, 3, 4, 5, 6], Key = 1, Flag = true, Count = 3, Big = 1L << 40, Tags = ["a", "b"] },
            new VectorRow { Values = [6, 5, 4, 3, 2, 1], Key = 4, Flag = false, Count = -1, Big = -5, Tags = [] },
        };
        var back = Ml.Data.CreateEnumerable<VectorRow>(Ml.Data.LoadFromEnumerable(source), reuseRowObject: false).ToList();
        Assert.HasCount(2, back);
        for (int i = 0; i < 2; i++)
        {
            CollectionAssert.AreEqual(source[i].Values, back[i].Values);
            Assert.AreEqual(source[i].Key, back[i].Key);
            Assert.AreEqual(source[i].Flag, back[i].Flag);
            Assert.AreEqual(source[i].Count, back[i].Count);
            Assert.AreEqual(source[i].Big, back[i].Big);
            CollectionAssert.AreEqual(source[i].Tags, back[i].Tags);
        }
    }

    [TestMethod]
    public void CreateEnumerable_MissingColumn_ThrowsUnlessIgnored()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { X = 2, Label = "a" } });
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => Ml.Data.CreateEnumerable<VectorRow>(view, false).ToList());
        StringAssert.StartsWith(e.Message, "Could not find source column 'Flag'");
        var rows = Ml.Data.CreateEnumerable<OnlyX>(view, reuseRowObject: true, ignoreMissingColumns: true).ToList();
        Assert.AreEqual(2f, rows.Single().X);
    }

    [TestMethod]
    public void GetRowCursor_WithRandomOnList_ShufflesRepeatably()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new NumberRow { X = i }).ToList();
        var view = Ml.Data.LoadFromEnumerable(rows);
        Assert.IsTrue(view.CanShuffle);
        float[] Read(int seed)
        {
            using var c = view.GetRowCursor(view.Schema, new Random(seed));
            var g = c.GetGetter<float>(view.Schema["X"]);
            var list = new List<float>();
            float v = 0;
            while (c.MoveNext()) { g(ref v); list.Add(v); }
            return list.ToArray();
        }
        var a = Read(3);
        CollectionAssert.AreEqual(a, Read(3));
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 50).Select(i => (float)i).ToArray(), a);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 50).Select(i => (float)i).ToArray(), a);
    }

    public sealed class OnlyX
    {
        public float X { get; set; }

        public string Missing { get; set; } = "";
    }
}
