using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;

namespace MLVideo.Estimators.Tests.Trainers;

[TestClass]
public sealed class PredictionEnginePoolTests
{
    [TestMethod]
    public void Predict_EightThreadsThousandEach_SameAsOneEngine()
    {
        var ml = new MLContext(seed: 1);
        var (model, _) = TinyModels.Fit(ml, ml.MulticlassClassification.Trainers.Gsf(TinyModels.Options(new GsfTrainer.Options(), maxEpoch: 1)), perClass: 4);
        var rows = MovingBlockClips.Make(8, seed: 21);
        using var single = ml.Model.CreatePredictionEngine<MovingBlockClips.Row, Prediction>(model, inputSchemaDefinition: ClipSchema());
        var expected = rows.Select(r => single.Predict(r).Score).ToArray();

        using var pool = new PredictionEnginePool<MovingBlockClips.Row, Prediction>(ml, model, maximumConcurrency: 8,
            threadsPerPrediction: 1, inputSchemaDefinition: ClipSchema());
        const int Threads = 8, PerThread = 1000;
        var mismatches = new int[Threads];
        double worst = 0;
        var gate = new object();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            double localWorst = 0;
            for (int i = 0; i < PerThread; i++)
            {
                int r = (t * 7 + i) % rows.Length;
                var score = pool.Predict(rows[r]).Score;
                double diff = 0;
                for (int k = 0; k < score.Length; k++) diff = Math.Max(diff, Math.Abs(score[k] - expected[r][k]));
                if (diff > 0) mismatches[t]++;
                localWorst = Math.Max(localWorst, diff);
            }
            lock (gate) worst = Math.Max(worst, localWorst);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.AreEqual(0.0, worst, $"pooled predictions differ from one engine's by up to {worst:G3} ({mismatches.Sum()} predictions)");
    }

    private static Microsoft.ML.Data.SchemaDefinition ClipSchema()
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(MovingBlockClips.Row));
        schema[nameof(MovingBlockClips.Row.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(
            Microsoft.ML.Data.NumberDataViewType.Single, MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size);
        return schema;
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }
}
