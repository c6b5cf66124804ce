using System.Diagnostics;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Estimators.Tests.Support;
using MLVideo.Trainers.Methods;

namespace MLVideo.Estimators.Tests.Trainers;

[TestClass]
public sealed class VideoActionTransformerTests
{
    private static string _folder = "";
    private static string _modelPath = "";
    private static float[][] _scores = [];

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("mlvideo-transformer-").FullName;
        var ml = new MLContext(seed: 1);
        var (model, data) = TinyModels.Fit(ml, ml.MulticlassClassification.Trainers.Tsm(TinyModels.Options(new TsmTrainer.Options())));
        _modelPath = Path.Combine(_folder, "tsm.zip");
        ml.Model.Save(model, data.Schema, _modelPath);
        _scores = TinyModels.Scores(ml, model, data);
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Transform_OutputsMlNetMulticlassColumns_EvaluateWorksUnchanged()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(_modelPath, out _);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(6, seed: 9));
        var scored = model.Transform(data);

        var score = scored.Schema["Score"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), score.Type);
        VBuffer<ReadOnlyMemory<char>> slots = default;
        score.GetSlotNames(ref slots);
        CollectionAssert.AreEquivalent(new[] { "MoveRight", "MoveLeft" }, slots.DenseValues().Select(s => s.ToString()).ToArray());
        var predicted = scored.Schema["PredictedLabel"];
        Assert.IsInstanceOfType<KeyDataViewType>(predicted.Type);
        Assert.IsTrue(predicted.HasKeyValues());

        var metrics = ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: 1);
        Assert.AreEqual(12, metrics.ConfusionMatrix.Counts.Sum(r => r.Sum()), "every row counted once in the confusion matrix");
        Assert.AreEqual(metrics.MicroAccuracy, metrics.TopKAccuracy, 1e-12, "top-1 accuracy is the micro accuracy");
    }

    [TestMethod]
    public void ModelLoad_SameProcess_GivesIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(_modelPath, out _);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(12, seed: 3));
        AssertClose(_scores, TinyModels.Scores(ml, model, data), 1e-6);
    }

    [TestMethod]
    public void ModelLoad_FreshProcess_GivesIdenticalScores()
    {
        // A separate process that only references MLVideo and calls new MLContext().Model.Load: no registration.
        var scores = TestHelperPrograms.RunModelLoader(_modelPath, "12", "3");
        AssertClose(_scores, scores, 1e-6);
    }

    [TestMethod]
    public void ModelSave_WritesArchitectureAndSafetensorsWeightsInsideMlNetZip()
    {
        using var zip = ZipFile.OpenRead(_modelPath);
        var names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.IsTrue(names.Any(n => n.EndsWith("/Weights.safetensors", StringComparison.Ordinal)), string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.EndsWith("/Architecture.json", StringComparison.Ordinal)), string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.EndsWith("Model.key", StringComparison.Ordinal)), "ML.NET's own model entries are there");
    }

    [TestMethod]
    public void Transform_ManyRows_LeavesNoTensorBehind()
    {
        // Every prediction runs inside a dispose scope: scoring more rows must not leave more native tensors alive.
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(_modelPath, out _);
        var data = MovingBlockClips.Load(ml, MovingBlockClips.Make(10, seed: 4));
        TinyModels.Scores(ml, model, data);                                   // warm up (lazy GFLOPs count, caches)
        long before = LiveTensors();
        for (int i = 0; i < 5; i++) TinyModels.Scores(ml, model, data);       // 100 more predictions
        long after = LiveTensors();
        // Earlier tests' garbage can only lower the count (finalised tensors); a leak would raise it by 100s.
        Assert.IsTrue(after <= before, $"live tensors went from {before} to {after} over 100 predictions");
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return TorchSharp.torch.Tensor.TotalCount;
    }

    internal static void AssertClose(float[][] expected, float[][] actual, double tolerance)
    {
        Assert.AreEqual(expected.Length, actual.Length, "rows");
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].Length, actual[i].Length, $"row {i} length");
            for (int k = 0; k < expected[i].Length; k++) worst = Math.Max(worst, Math.Abs(expected[i][k] - actual[i][k]));
        }
        Assert.IsTrue(worst <= tolerance, $"max |Δscore| = {worst:G3} > {tolerance:G3}");
    }
}
