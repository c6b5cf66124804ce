using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Evaluation;

[TestClass]
public sealed class MulticlassEvaluationTests
{
    private const double Tolerance = 1e-9;

    // ML.NET clamps with a float constant: (float)1e-15 is not exactly 1e-15.
    private static readonly double LnEps = Math.Log((float)1e-15);

    public sealed class KeyScored
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];

        [KeyType(3)]
        public uint PredictedLabel { get; set; }
    }

    public sealed class FloatScored
    {
        public float Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];

        public float PredictedLabel { get; set; }
    }

    private static KeyScored K(uint label, params float[] score) => new() { Label = label, Score = score };

    private static MulticlassClassificationMetrics EvaluateHandCase(MLVideoContext ml, int topK = 3)
    {
        var rows = new[]
        {
            K(1, 0.7f, 0.2f, 0.1f),          // class 0, predicted 0, rank 0
            K(2, 0.5f, 0.4f, 0.1f),          // class 1, predicted 0, rank 1
            K(3, 0.2f, 0.3f, 0.5f),          // class 2, predicted 2, rank 0
            K(2, 0.3f, 0.3f, 0.4f),          // class 1, predicted 2, rank 2 (class 0 ties it at a lower index)
            K(1, 0.4f, 0.4f, 0.2f),          // class 0, tie 0/1 -> predicted 0, rank 0
            K(0, 0.9f, 0.1f, 0.0f),          // missing label: skipped
            K(3, float.NaN, 0.5f, 0.5f),     // NaN score: skipped
            K(1, 0f, 1f, 0f),                // class 0, predicted 1, p clamps to 1e-15, rank 1
        };
        return ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(rows), topKPredictionCount: topK);
    }

    [TestMethod]
    public void Evaluate_HandCase_AccuraciesMatchMlNetDefinitions()
    {
        var m = EvaluateHandCase(new MLVideoContext(1));
        Assert.AreEqual(6, m.NumberOfInstances);
        Assert.AreEqual(3.0 / 6, m.MicroAccuracy, Tolerance);
        Assert.AreEqual((2.0 / 3 + 0.0 / 2 + 1.0 / 1) / 3, m.MacroAccuracy, Tolerance);
    }

    [TestMethod]
    public void Evaluate_HandCase_LogLossWithClampAndReduction()
    {
        var m = EvaluateHandCase(new MLVideoContext(1));
        double ln(float p) => Math.Log(p);
        double expected = -(ln(0.7f) + ln(0.4f) + ln(0.5f) + ln(0.3f) + ln(0.4f) + LnEps) / 6;
        Assert.AreEqual(expected, m.LogLoss, Tolerance);
        double entropy = -(3.0 / 6 * Math.Log(3.0 / 6) + 2.0 / 6 * Math.Log(2.0 / 6) + 1.0 / 6 * Math.Log(1.0 / 6));
        Assert.AreEqual((entropy - expected) / entropy, m.LogLossReduction, Tolerance);
        Assert.AreEqual(-(ln(0.7f) + ln(0.4f) + LnEps) / 3, m.PerClassLogLoss[0], Tolerance);
        Assert.AreEqual(-(ln(0.4f) + ln(0.3f)) / 2, m.PerClassLogLoss[1], Tolerance);
        Assert.AreEqual(-ln(0.5f), m.PerClassLogLoss[2], Tolerance);
    }

    [TestMethod]
    public void Evaluate_HandCase_TopKForAllKWithIndexTieBreaking()
    {
        var m = EvaluateHandCase(new MLVideoContext(1), topK: 4);
        Assert.AreEqual(4, m.TopKPredictionCount);
        CollectionAssert.AreEqual(new[] { 3.0 / 6, 5.0 / 6, 6.0 / 6, 6.0 / 6 }, m.TopKAccuracyForAllK!.ToArray());
        Assert.AreEqual(1.0, m.TopKAccuracy, Tolerance);
        var none = EvaluateHandCase(new MLVideoContext(1), topK: 0);
        Assert.IsNull(none.TopKAccuracyForAllK);
        Assert.AreEqual(0.0, none.TopKAccuracy);
    }

    [TestMethod]
    public void Evaluate_HandCase_ConfusionMatrixPrecisionRecallAndTable()
    {
        var cm = EvaluateHandCase(new MLVideoContext(1)).ConfusionMatrix;
        Assert.AreEqual(3, cm.NumberOfClasses);
        double[][] expected = [[2, 1, 0], [1, 0, 1], [0, 0, 1]];
        for (int a = 0; a < 3; a++)
            for (int p = 0; p < 3; p++)
                Assert.AreEqual(expected[a][p], cm.GetCountForClassPair(p, a), $"actual {a}, predicted {p}");
        CollectionAssert.AreEqual(new[] { 2.0 / 3, 0.0, 0.5 }, cm.PerClassPrecision.ToArray());
        CollectionAssert.AreEqual(new[] { 2.0 / 3, 0.0, 1.0 }, cm.PerClassRecall.ToArray());
        string table = cm.GetFormattedConfusionTable();
        StringAssert.Contains(table, "PREDICTED");
        StringAssert.Contains(table, "Recall");
        StringAssert.Contains(table, "Precision");
        StringAssert.Contains(table, "0.6667");
    }

    [TestMethod]
    public void Evaluate_UnseenClassAndBadLabels_PenalisedOrSkippedLikeMlNet()
    {
        var ml = new MLVideoContext(1);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) warnings.Add(e.RawMessage); };
        var rows = new[]
        {
            new FloatScored { Label = 0, Score = [1, 0, 0] },
            new FloatScored { Label = 5, Score = [1, 0, 0] },   // no score slot: -ln(1e-15), counted, never correct
            new FloatScored { Label = -1, Score = [1, 0, 0] },  // negative: skipped
            new FloatScored { Label = 0.5f, Score = [1, 0, 0] }, // fractional: skipped
            new FloatScored { Label = float.NaN, Score = [1, 0, 0] }, // missing: skipped
        };
        var m = ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(rows), topKPredictionCount: 3);
        Assert.AreEqual(2, m.NumberOfInstances);
        Assert.AreEqual(0.5, m.MicroAccuracy, Tolerance);
        Assert.AreEqual(1.0, m.MacroAccuracy, Tolerance);
        Assert.AreEqual(-LnEps / 2, m.LogLoss, Tolerance);
        double entropy = Math.Log(2) / 2; // one known instance of class 0 among two instances
        Assert.AreEqual((entropy - m.LogLoss) / entropy, m.LogLossReduction, Tolerance);
        CollectionAssert.AreEqual(new[] { 0.5, 0.5, 0.5 }, m.TopKAccuracyForAllK!.ToArray());
        Assert.AreEqual(1.0, m.ConfusionMatrix.Counts.Sum(r => r.Sum()), "the unseen class is not in the confusion matrix");
        Assert.IsTrue(warnings.Any(w => w.Contains("not seen in the training set")), "no warning about the unseen class");
        Assert.IsTrue(warnings.Any(w => w.Contains("negative or non integers")));
    }

    [TestMethod]
    public void MeanClassAccuracy_PredictedClassWithoutInstances_CountsZero_UnlikeMacro()
    {
        var ml = new MLVideoContext(1);
        var rows = new[] { K(1, 1, 0, 0), K(1, 0, 0, 1), K(1, 1, 0, 0), K(1, 1, 0, 0) };
        var m = ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(rows));
        Assert.AreEqual(0.75, m.MacroAccuracy, Tolerance);          // only class 0 has instances
        Assert.AreEqual((0.75 + 0.0) / 2, m.MeanClassAccuracy, Tolerance); // mmaction2 also counts predicted class 2
    }

    [TestMethod]
    public void Evaluate_ClassNames_FromLabelKeyValues()
    {
        var ml = new MLVideoContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new NumberRow { Label = "run" }, new NumberRow { Label = "jump" } });
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var scored = new PriorClassifierEstimator().Fit(keyed).Transform(keyed);
        var m = ml.MulticlassClassification.Evaluate(scored);
        CollectionAssert.AreEqual(new[] { "run", "jump" }, m.ConfusionMatrix.ClassNames.ToArray());
    }

    [TestMethod]
    public void Evaluate_MissingOrWrongColumns_ThrowSchemaErrors()
    {
        var ml = new MLVideoContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { K(1, 1, 0, 0) });
        var e = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.MulticlassClassification.Evaluate(data, scoreColumnName: "Label"));
        StringAssert.StartsWith(e.Message, "Schema mismatch for score column 'Label': expected known-size vector of Single, got Key<UInt32, 0-2>");
        var missing = Assert.ThrowsExactly<SchemaMismatchException>(() => ml.MulticlassClassification.Evaluate(data, predictedLabelColumnName: "Nope"));
        StringAssert.StartsWith(missing.Message, "Could not find predicted label column 'Nope'");
    }

    [TestMethod]
    public void WithVideoCosts_CopiesMetricsAndAddsCosts()
    {
        var m = EvaluateHandCase(new MLVideoContext(1)).WithVideoCosts(gflopsPerVideo: 33.5, millisecondsPerVideo: 120, testProtocol: "1 clip x 1 crop");
        Assert.AreEqual(33.5, m.GflopsPerVideo);
        Assert.AreEqual(120.0, m.MillisecondsPerVideo);
        Assert.AreEqual("1 clip x 1 crop", m.TestProtocol);
        Assert.AreEqual(0.5, m.MicroAccuracy, Tolerance);
    }

    [TestMethod]
    public void CrossValidate_Folds_PartitionRowsAndEvaluateEach()
    {
        var ml = new MLVideoContext(1);
        var rows = Enumerable.Range(0, 60).Select(i => new NumberRow { X = i, Label = i % 3 == 0 ? "a" : "b" }).ToList();
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var results = ml.MulticlassClassification.CrossValidate(data, new PriorClassifierEstimator(), numberOfFolds: 4, seed: 3);
        Assert.HasCount(4, results);
        var seen = results.SelectMany(r => Columns.Read<float>(r.ScoredHoldOutSet, "X")).ToList();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), seen.ToArray(), "each row is in exactly one fold");
        for (int f = 0; f < 4; f++)
        {
            Assert.AreEqual(f, results[f].Fold);
            Assert.AreEqual(Columns.Read<float>(results[f].ScoredHoldOutSet, "X").Count, results[f].Metrics.NumberOfInstances);
            // The model was trained on the other folds only: its priors are their class frequencies.
            var holdOut = Columns.Read<uint>(results[f].ScoredHoldOutSet, "Label");
            float trainA = 20 - holdOut.Count(k => k == 1), trainTotal = 60 - holdOut.Count;
            var model = (PriorClassifierTransformer)results[f].Model;
            Assert.AreEqual(trainA / trainTotal, model.Priors[0], 1e-6, $"fold {f} was trained on data including its hold-out rows");
        }
    }
}
