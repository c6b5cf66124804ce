using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Prediction;

[TestClass]
public sealed class PredictionEnginePoolTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    [ClassInitialize]
    public static void RegisterTestSteps(TestContext _) => ScaleTransformer.Register();

    private static PredictionEngineTests.Input Example(int i) =>
        new() { Label = (i % 3) switch { 0 => "run", 1 => "jump", _ => "other" }, Pixels = [i, i * 0.5f, -i] };

    [TestMethod]
    public void Predict_EightThreads_SameAnswersAsSingleEngine()
    {
        var model = PredictionEngineTests.TrainModel();
        const int perThread = 1000, threads = 8;
        var expected = new (uint, float[])[perThread];
        using (var engine = Ml.Model.CreatePredictionEngine<PredictionEngineTests.Input, PredictionEngineTests.Output>(model))
        {
            for (int i = 0; i < perThread; i++)
            {
                var p = engine.Predict(Example(i));
                expected[i] = (p.Key, p.Values);
            }
        }
        using var pool = new PredictionEnginePool<PredictionEngineTests.Input, PredictionEngineTests.Output>(Ml);
        pool.AddModel(PredictionEnginePool<PredictionEngineTests.Input, PredictionEngineTests.Output>.DefaultModelName, model);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (int k = 0; k < perThread; k++)
            {
                int i = (k + t * 137) % perThread; // each thread walks the examples in its own order
                var p = pool.Predict(Example(i));
                if (p.Key != expected[i].Item1 || !p.Values.SequenceEqual(expected[i].Item2)) mismatches.Add($"thread {t}, example {i}");
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.IsEmpty(mismatches, string.Join("; ", mismatches.Take(5)));
    }

    [TestMethod]
    public void Predict_NamedModels_UseTheirOwnModel()
    {
        using var pool = new PredictionEnginePool<PredictionEngineTests.Input, PredictionEngineTests.Output>(Ml);
        pool.AddModel("a", PredictionEngineTests.TrainModel());
        pool.AddModel("b", PredictionEngineTests.TrainModel().Append(new ScaleTransformer("Scaled", "Scaled", [10, 10, 10])));
        var x = new PredictionEngineTests.Input { Label = "run", Pixels = [1, 1, 1] };
        CollectionAssert.AreEqual(new[] { 2f, -1f, 0.5f }, pool.Predict("a", x).Values);
        CollectionAssert.AreEqual(new[] { 20f, -10f, 5f }, pool.Predict("b", x).Values);
        var e = Assert.ThrowsExactly<KeyNotFoundException>(() => pool.Predict("c", x));
        StringAssert.Contains(e.Message, "'c'");
        var engine = pool.GetPredictionEngine("a");
        Assert.AreEqual(1u, engine.Predict(x).Key);
        pool.ReturnPredictionEngine("a", engine);
    }

    [TestMethod]
    public void AddModelFromFile_FileReplaced_ReloadsAndKeepsOldOnBadFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlvideo-pool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var ml = new MLVideoContext(seed: 2); // its own context: the log handler below must not outlive the test
        try
        {
            string path = Path.Combine(folder, "model.zip");
            var data = ml.Data.LoadFromEnumerable(new[] { new ClipRow { Label = "run", Features = [1, 2, 3] } });
            ml.Model.Save(PredictionEngineTests.TrainModel(), data.Schema, path);
            using var pool = new PredictionEnginePool<PredictionEngineTests.Input, PredictionEngineTests.Output>(ml);
            using var reloaded = new SemaphoreSlim(0);
            pool.ModelReloaded += (_, _) => ReleaseQuietly(reloaded);
            pool.AddModelFromFile("m", path);
            var x = new PredictionEngineTests.Input { Label = "run", Pixels = [1, 1, 1] };
            CollectionAssert.AreEqual(new[] { 2f, -1f, 0.5f }, pool.Predict("m", x).Values);

            ml.Model.Save(PredictionEngineTests.TrainModel().Append(new ScaleTransformer("Scaled", "Scaled", [3, 3, 3])), data.Schema, path);
            Assert.IsTrue(reloaded.Wait(TimeSpan.FromSeconds(30)), "the pool did not reload the replaced file");
            CollectionAssert.AreEqual(new[] { 6f, -3f, 1.5f }, pool.Predict("m", x).Values);

            using var failed = new SemaphoreSlim(0);
            ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Error && e.Source == "PredictionEnginePool") ReleaseQuietly(failed); };
            File.WriteAllText(path, "garbage");
            Assert.IsTrue(failed.Wait(TimeSpan.FromSeconds(30)), "a bad file did not produce an error in the log");
            CollectionAssert.AreEqual(new[] { 6f, -3f, 1.5f }, pool.Predict("m", x).Values, "the last good model must stay in use");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A watcher event may still arrive while the test's semaphores are being disposed.
    private static void ReleaseQuietly(SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
