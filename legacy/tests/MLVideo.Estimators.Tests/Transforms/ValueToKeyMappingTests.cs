using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;
using MLVideo.Transforms;

namespace MLVideo.Estimators.Tests.Transforms;

[TestClass]
public sealed class ValueToKeyMappingTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    private static IDataView Labels(params string[] labels) => Ml.Data.LoadFromEnumerable(labels.Select(l => new NumberRow { Label = l }).ToList());

    [TestMethod]
    public void MapValueToKey_ByOccurrence_KeysInFirstAppearanceOrder_MissingIsZero()
    {
        var data = Labels("dog", "cat", "dog", "", "bird");
        var output = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var column = output.Schema["Label"];
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 3), column.Type);
        CollectionAssert.AreEqual(new[] { "dog", "cat", "bird" }, column.GetKeyValueStrings());
        CollectionAssert.AreEqual(new uint[] { 1, 2, 1, 0, 3 }, Columns.Read<uint>(output, "Label"));
    }

    [TestMethod]
    public void MapValueToKey_ByValue_SortedOrdinal()
    {
        var data = Labels("dog", "Cat", "cat", "bird");
        var output = Ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(data).Transform(data);
        CollectionAssert.AreEqual(new[] { "Cat", "bird", "cat", "dog" }, output.Schema["Label"].GetKeyValueStrings());
        CollectionAssert.AreEqual(new uint[] { 4, 1, 3, 2 }, Columns.Read<uint>(output, "Label"));
    }

    [TestMethod]
    public void MapValueToKey_KeyData_UsesGivenValues_UnseenMapToZero()
    {
        var keyData = Labels("run", "jump");
        var data = Labels("jump", "swim", "run");
        var model = Ml.Transforms.Conversion.MapValueToKey("Key", "Label", keyData: keyData).Fit(data);
        var output = model.Transform(data);
        CollectionAssert.AreEqual(new[] { "run", "jump" }, output.Schema["Key"].GetKeyValueStrings());
        CollectionAssert.AreEqual(new uint[] { 2, 0, 1 }, Columns.Read<uint>(output, "Key"));
    }

    [TestMethod]
    public void MapValueToKey_MaximumNumberOfKeys_LaterValuesMapToZero()
    {
        var data = Labels("a", "b", "c", "a");
        var output = Ml.Transforms.Conversion.MapValueToKey("Label", maximumNumberOfKeys: 2).Fit(data).Transform(data);
        CollectionAssert.AreEqual(new uint[] { 1, 2, 0, 1 }, Columns.Read<uint>(output, "Label"));
    }

    [TestMethod]
    public void MapValueToKey_FloatInput_NaNMissing_KeyValuesAsTextOption()
    {
        var data = Ml.Data.LoadFromEnumerable(new float[] { 2.5f, float.NaN, 1f, 2.5f }.Select(x => new NumberRow { X = x }).ToList());
        var output = Ml.Transforms.Conversion.MapValueToKey("K", "X").Fit(data).Transform(data);
        CollectionAssert.AreEqual(new uint[] { 1, 0, 2, 1 }, Columns.Read<uint>(output, "K"));
        VBuffer<float> values = default;
        output.Schema["K"].GetKeyValues(ref values);
        CollectionAssert.AreEqual(new[] { 2.5f, 1f }, values.GetValues().ToArray());
        var asText = Ml.Transforms.Conversion.MapValueToKey("K", "X", addKeyValueAnnotationsAsText: true).Fit(data).Transform(data);
        CollectionAssert.AreEqual(new[] { "2.5", "1" }, asText.Schema["K"].GetKeyValueStrings());
    }

    [TestMethod]
    public void MapKeyToValue_RoundTrip_GivesOriginalValues_KeyZeroEmpty()
    {
        var data = Labels("x", "y", "", "x");
        var pipeline = Ml.Transforms.Conversion.MapValueToKey("Key", "Label").Append(Ml.Transforms.Conversion.MapKeyToValue("Back", "Key"));
        var output = pipeline.Fit(data).Transform(data);
        Assert.AreEqual(TextDataViewType.Instance, output.Schema["Back"].Type);
        CollectionAssert.AreEqual(new[] { "x", "y", "", "x" }, Columns.Read<ReadOnlyMemory<char>>(output, "Back").Select(m => m.ToString()).ToArray());
    }

    [TestMethod]
    public void GetOutputSchema_WrongInputs_ThrowMlNetMessages()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new VectorRow { Values = new float[6] } });
        var shape = SchemaShape.Create(data.Schema);
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => Ml.Transforms.Conversion.MapValueToKey("K", "Features").GetOutputSchema(shape));
        StringAssert.StartsWith(e.Message, "Schema mismatch for input column 'Features': expected scalar of String");
        StringAssert.Contains(e.Message, "got Vector<Single>");
        var k = Assert.ThrowsExactly<SchemaMismatchException>(() => Ml.Transforms.Conversion.MapKeyToValue("V", "Count").GetOutputSchema(shape));
        StringAssert.StartsWith(k.Message, "Schema mismatch for input column 'Count': expected scalar key with KeyValues, got Int32");
        var outShape = Ml.Transforms.Conversion.MapValueToKey("K", "Count").GetOutputSchema(shape);
        Assert.IsTrue(outShape.TryFindColumn("K", out var kc));
        Assert.AreEqual("Key<UInt32>", kc.GetTypeString());
        Assert.IsTrue(kc.HasKeyValues());
    }

    [TestMethod]
    public void Transform_TrainedOnTextAppliedToFloat_ThrowsSchemaMismatch()
    {
        var model = Ml.Transforms.Conversion.MapValueToKey("K", "Label").Fit(Labels("a"));
        var other = Ml.Data.LoadFromEnumerable(new[] { new LabelAsFloat { Label = 1 } });
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => model.Transform(other));
        StringAssert.StartsWith(e.Message, "Schema mismatch for input column 'Label': expected String, got Single");
    }

    [TestMethod]
    public void Fit_AllMissing_ThrowsClearError()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Ml.Transforms.Conversion.MapValueToKey("Label").Fit(Labels("", "")));
        StringAssert.Contains(e.Message, "no non-missing values");
    }

    public sealed class LabelAsFloat
    {
        public float Label { get; set; }
    }
}
