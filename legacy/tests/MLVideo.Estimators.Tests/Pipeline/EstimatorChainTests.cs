using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Pipeline;

[TestClass]
public sealed class EstimatorChainTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    [TestMethod]
    public void Fit_ValidChain_TypedLastTransformerAndValues()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { X = 1 }, new NumberRow { X = 2 } });
        var pipeline = new AddConstantEstimator("Y", "X", 1).Append(new AddConstantEstimator("Z", "Y", 10));
        var model = pipeline.Fit(view);
        AddConstantTransformer last = model.LastTransformer;
        Assert.AreEqual(10f, last.Constant);
        Assert.HasCount(2, model.ToList());
        CollectionAssert.AreEqual(new[] { 12f, 13f }, Columns.Read<float>(model.Transform(view), "Z"));
    }

    [TestMethod]
    public void Fit_ErrorInLastStep_ThrowsBeforeAnyDataOrFit()
    {
        var view = Ml.Data.LoadFromEnumerable(new ThrowingEnumerable<NumberRow>());
        var first = new AddConstantEstimator("Y", "X", 1);
        var pipeline = first.Append(new AddConstantEstimator("Z", "Y", 1)).Append(new AddConstantEstimator("W", "Label", 1));
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => pipeline.Fit(view));
        Assert.AreEqual("Schema mismatch for input column 'Label': expected Single, got String (Parameter 'inputSchema')", e.Message);
        Assert.AreEqual(0, first.Fits, "the first step was fitted before the schema error");
    }

    [TestMethod]
    public void GetOutputSchema_PropagatesThroughChain()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new NumberRow() });
        var shape = new AddConstantEstimator("Y", "X", 1).Append(new AddConstantEstimator("Z", "Y", 1)).GetOutputSchema(SchemaShape.Create(view.Schema));
        Assert.IsTrue(shape.TryFindColumn("Z", out var z));
        Assert.AreEqual("Single", z.GetTypeString());
        Assert.IsTrue(shape.TryFindColumn("Label", out _));
    }

    [TestMethod]
    public void TransformerChain_Transform_ChecksEveryStepBeforeReading()
    {
        var chain = new TransformerChain<AddConstantTransformer>(new AddConstantTransformer("Y", "X", 1), new AddConstantTransformer("Z", "Missing", 1));
        var view = Ml.Data.LoadFromEnumerable(new ThrowingEnumerable<NumberRow>());
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => chain.Transform(view));
        StringAssert.StartsWith(e.Message, "Could not find input column 'Missing'");
    }

    [TestMethod]
    public void SchemaShape_KeyAndVectorColumns_MlNetTypeStrings()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("K", new KeyDataViewType(typeof(uint), 3));
        b.AddColumn("V", new VectorDataViewType(NumberDataViewType.Single, 4));
        b.AddColumn("T", new VectorDataViewType(TextDataViewType.Instance));
        var shape = SchemaShape.Create(b.ToSchema());
        Assert.AreEqual("Key<UInt32>", shape[0].GetTypeString());
        Assert.AreEqual("Vector<Single>", shape[1].GetTypeString());
        Assert.AreEqual("VarVector<String>", shape[2].GetTypeString());
        Assert.IsTrue(shape[0].IsKey);
    }
}
