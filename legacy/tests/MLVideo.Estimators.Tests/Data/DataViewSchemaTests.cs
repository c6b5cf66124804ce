using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class DataViewSchemaTests
{
    [TestMethod]
    public void Indexer_SameNameTwice_LastVisibleEarlierHidden()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("A", NumberDataViewType.Single);
        b.AddColumn("B", TextDataViewType.Instance);
        b.AddColumn("A", NumberDataViewType.Int32);
        var schema = b.ToSchema();
        Assert.AreEqual(3, schema.Count);
        Assert.IsTrue(schema[0].IsHidden);
        Assert.IsFalse(schema[2].IsHidden);
        Assert.AreEqual(2, schema["A"].Index);
        Assert.AreEqual(NumberDataViewType.Int32, schema["A"].Type);
    }

    [TestMethod]
    public void Indexer_MissingName_ThrowsNamingColumnAndAvailableOnes()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("A", NumberDataViewType.Single);
        var schema = b.ToSchema();
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => schema["Nope"]);
        StringAssert.Contains(e.Message, "'Nope'");
        StringAssert.Contains(e.Message, "'A'");
        Assert.IsNull(schema.GetColumnOrNull("Nope"));
    }

    [TestMethod]
    public void Annotations_KeyValues_ReadBack()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("Label", new KeyDataViewType(typeof(uint), 2), AnnotationUtils.KeyValuesOf(["cat", "dog"]));
        var column = b.ToSchema()["Label"];
        Assert.IsTrue(column.HasKeyValues());
        Assert.IsFalse(column.HasSlotNames());
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        CollectionAssert.AreEqual(new[] { "cat", "dog" }, names.DenseValues().Select(m => m.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "cat", "dog" }, column.GetKeyValueStrings());
    }

    [TestMethod]
    public void Annotations_SlotNames_ReadBack()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("Score", new VectorDataViewType(NumberDataViewType.Single, 2), AnnotationUtils.SlotNamesOf(["run", "jump"]));
        var column = b.ToSchema()["Score"];
        Assert.IsTrue(column.HasSlotNames());
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        CollectionAssert.AreEqual(new[] { "run", "jump" }, names.DenseValues().Select(m => m.ToString()).ToArray());
    }

    [TestMethod]
    public void Annotations_WrongValueType_ThrowsNamingTypes()
    {
        var annotations = AnnotationUtils.KeyValuesOf(["a"]);
        VBuffer<float> wrong = default;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => annotations.GetValue(AnnotationUtils.Kinds.KeyValues, ref wrong));
        StringAssert.Contains(e.Message, "KeyValues");
        Assert.ThrowsExactly<InvalidOperationException>(() => annotations.GetValue(AnnotationUtils.Kinds.SlotNames, ref wrong));
    }
}
