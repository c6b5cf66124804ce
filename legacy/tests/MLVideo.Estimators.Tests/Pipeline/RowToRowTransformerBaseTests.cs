using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Pipeline;

[TestClass]
public sealed class RowToRowTransformerBaseTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    [TestMethod]
    public void Transform_OutputSchema_AppendsAndHidesSameName()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { X = 1 } });
        var output = new AddConstantTransformer("X", "X", 1).Transform(view);
        Assert.AreEqual(view.Schema.Count + 1, output.Schema.Count);
        Assert.IsTrue(output.Schema[0].IsHidden);
        CollectionAssert.AreEqual(new[] { 2f }, Columns.Read<float>(output, "X"));
    }

    [TestMethod]
    public void Cursor_InactiveOutput_NotComputed_NorItsInputs()
    {
        var rows = Enumerable.Range(0, 4).Select(i => new CountingRow { X = i, Name = "n" }).ToList();
        var view = Ml.Data.LoadFromEnumerable(rows);
        var t = new AddConstantTransformer("Y", "X", 10);
        var output = t.Transform(view);
        var names = Columns.Read<ReadOnlyMemory<char>>(output, "Name");
        Assert.HasCount(4, names);
        Assert.AreEqual(0, t.Computations, "Y was not requested but was computed");
        Assert.IsTrue(rows.All(r => r.XReads == 0), "X (only needed by Y) was read");
    }

    [TestMethod]
    public void Cursor_ActiveOutputReadTwice_ComputedOncePerRow_ThroughTwoSteps()
    {
        var rows = Enumerable.Range(0, 6).Select(i => new CountingRow { X = i }).ToList();
        var view = Ml.Data.LoadFromEnumerable(rows);
        var first = new AddConstantTransformer("Y", "X", 1);
        var second = new AddConstantTransformer("Z", "Y", 1);
        var third = new AddConstantTransformer("W", "Y", 100); // a second consumer of Y
        var output = third.Transform(second.Transform(first.Transform(view)));
        var z = output.Schema["Z"];
        var w = output.Schema["W"];
        var values = new List<(float, float)>();
        using (var cursor = output.GetRowCursor([z, w]))
        {
            var gz = cursor.GetGetter<float>(z);
            var gw = cursor.GetGetter<float>(w);
            float a = 0, b = 0;
            while (cursor.MoveNext())
            {
                gz(ref a);
                gz(ref a);
                gw(ref b);
                values.Add((a, b));
            }
        }
        Assert.AreEqual(6, first.Computations, "Y computed more than once per row");
        Assert.AreEqual(6, second.Computations);
        Assert.AreEqual(6, third.Computations);
        Assert.IsTrue(rows.All(r => r.XReads == 1));
        CollectionAssert.AreEqual(Enumerable.Range(0, 6).Select(i => ((float)i + 2, (float)i + 101)).ToArray(), values.ToArray());
    }

    [TestMethod]
    public void Transform_MissingOrWrongInput_ThrowsMlNetMessage()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { X = 1, Label = "a" } });
        var missing = Assert.ThrowsExactly<SchemaMismatchException>(() => new AddConstantTransformer("Y", "Nope", 1).Transform(view));
        StringAssert.StartsWith(missing.Message, "Could not find input column 'Nope'");
        var wrong = Assert.ThrowsExactly<SchemaMismatchException>(() => new AddConstantTransformer("Y", "Label", 1).Transform(view));
        StringAssert.StartsWith(wrong.Message, "Schema mismatch for input column 'Label': expected Single, got String");
        Assert.AreEqual("Label", wrong.ColumnName);
    }
}
