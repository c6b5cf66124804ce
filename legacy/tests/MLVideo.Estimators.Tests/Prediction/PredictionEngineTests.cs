using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Prediction;

[TestClass]
public sealed class PredictionEngineTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    public sealed class Input
    {
        [LoadColumn(0)]
        public string Label { get; set; } = "";

        [LoadColumn(1, 3), ColumnName("Features"), VectorType(3)]
        public float[] Pixels { get; set; } = [];
    }

    public sealed class Output
    {
        [ColumnName("LabelKey")]
        public uint Key { get; set; }

        [ColumnName("Scaled")]
        public float[] Values { get; set; } = [];

        public string NotAColumn { get; set; } = "untouched";
    }

    internal static ITransformer TrainModel()
    {
        var data = Ml.Data.LoadFromEnumerable(new[]
        {
            new ClipRow { Label = "run", Features = [1, 2, 3] },
            new ClipRow { Label = "jump", Features = [4, 5, 6] },
        });
        return Ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(data)
            .Append(new ScaleTransformer("Scaled", "Features", [2f, -1f, 0.5f]));
    }

    [TestMethod]
    public void Predict_AttributeMappedClasses_ComputesOutputs()
    {
        using var engine = Ml.Model.CreatePredictionEngine<Input, Output>(TrainModel());
        var p = engine.Predict(new Input { Label = "jump", Pixels = [1, 2, 4] });
        Assert.AreEqual(2u, p.Key);
        CollectionAssert.AreEqual(new[] { 2f, -2f, 2f }, p.Values);
        Assert.AreEqual("untouched", p.NotAColumn);
        var unknown = engine.Predict(new Input { Label = "swim", Pixels = [0, 0, 0] });
        Assert.AreEqual(0u, unknown.Key);
        Assert.IsNotNull(engine.OutputSchema.GetColumnOrNull("Scaled"));
    }

    [TestMethod]
    public void Predict_Ref_ReusesObjectAndRecomputesEachCall()
    {
        using var engine = Ml.Model.CreatePredictionEngine<Input, Output>(TrainModel());
        var result = new Output();
        var same = result;
        engine.Predict(new Input { Label = "run", Pixels = [1, 1, 1] }, ref result);
        Assert.AreSame(same, result);
        Assert.AreEqual(1u, result.Key);
        engine.Predict(new Input { Label = "jump", Pixels = [3, 3, 3] }, ref result);
        Assert.AreEqual(2u, result.Key);
        CollectionAssert.AreEqual(new[] { 6f, -3f, 1.5f }, result.Values);
    }

    [TestMethod]
    public void Predict_UnneededOutput_NotComputed()
    {
        var counting = new AddConstantTransformer("Extra", "X", 1);
        var model = new TransformerChain<AddConstantTransformer>(counting);
        using var engine = Ml.Model.CreatePredictionEngine<NumberRow, OnlyLabel>(model);
        Assert.AreEqual("a", engine.Predict(new NumberRow { X = 1, Label = "a" }).Label);
        Assert.AreEqual(0, counting.Computations, "an output the TDst class does not read was computed");
    }

    [TestMethod]
    public void Create_MissingInputColumn_ThrowsBeforePredicting()
    {
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => Ml.Model.CreatePredictionEngine<NumberRow, Output>(TrainModel()));
        StringAssert.StartsWith(e.Message, "Could not find input column 'Features'");
    }

    [TestMethod]
    public void Create_InputSchemaOverload_ChecksTypes()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, 4));
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => Ml.Model.CreatePredictionEngine<Input, Output>(TrainModel(), b.ToSchema()));
        StringAssert.Contains(e.Message, "expected Vector<Single, 4>, got Vector<Single, 3>");
    }

    public sealed class OnlyLabel
    {
        public string Label { get; set; } = "";
    }
}
