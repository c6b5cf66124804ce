using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class ColumnCursorExtensionsTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    [TestMethod]
    public void GetColumn_RawStringAndArray_ReadEveryRow()
    {
        var data = Ml.Data.LoadFromEnumerable(new[]
        {
            new VectorRow { Values = [1, 2, 3, 4, 5, 6], Tags = ["a"] },
            new VectorRow { Values = [6, 5, 4, 3, 2, 1], Tags = ["b", "c"] },
        });
        var vectors = data.GetColumn<VBuffer<float>>("Features").ToList();
        Assert.AreEqual(1f, vectors[0].GetValues()[0], "each yielded vector keeps its own values");
        Assert.AreEqual(6f, vectors[1].GetValues()[0]);
        var arrays = data.GetColumn<float[]>("Features").ToList();
        CollectionAssert.AreEqual(new float[] { 6, 5, 4, 3, 2, 1 }, arrays[1]);
        CollectionAssert.AreEqual(new[] { "b", "c" }, data.GetColumn<string[]>("Tags").Last());
        Assert.ThrowsExactly<InvalidOperationException>(() => data.GetColumn<double>("Features").ToList());
    }

    [TestMethod]
    public void LoadFromEnumerable_WithSchema_TakesTypesAndAnnotations()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("Pixels", new VectorDataViewType(NumberDataViewType.Single, 2));
        b.AddColumn("Class", new KeyDataViewType(typeof(uint), 2), AnnotationUtils.KeyValuesOf(["cat", "dog"]));
        var data = Ml.Data.LoadFromEnumerable(new[] { new Unsized { Pixels = [1, 2], Class = 2 } }, b.ToSchema());
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), data.Schema["Pixels"].Type);
        CollectionAssert.AreEqual(new[] { "cat", "dog" }, data.Schema["Class"].GetKeyValueStrings());
        Assert.AreEqual(2u, data.GetColumn<uint>("Class").Single());
        var wrongSize = Ml.Data.LoadFromEnumerable(new[] { new Unsized { Pixels = [1, 2, 3] } }, b.ToSchema());
        Assert.ThrowsExactly<InvalidOperationException>(() => wrongSize.GetColumn<float[]>("Pixels").ToList());
    }

    public sealed class Unsized
    {
        public float[] Pixels { get; set; } = [];

        public uint Class { get; set; }
    }
}
