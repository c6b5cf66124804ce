using System.Diagnostics;
using MLVideo.Trainers.Training;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class VideoTrainingLoopTests
{
    // One libtorch thread: the tiny model gains nothing from more, and on a shared 2-core machine spinning
    // kernel threads make a run many times slower.
    private static TrainingOptions Options(int maxEpoch) => new()
    {
        MaxEpoch = maxEpoch,
        NumberOfThreads = 1,
        BatchSize = 4,
        LearningRate = 0.02,
        Seed = 7,
        ReportEveryNSteps = 1000,
    };

    private static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlvideo-training-loop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static double Accuracy(TinyMotionNet model, IClipBatchSource data)
    {
        model.eval();
        long correct = 0;
        using var noGrad = no_grad();
        foreach (var batch in data.GetBatches(16, null, default))
        {
            using var scope = NewDisposeScope();
            correct += model.call(tensor(batch.Data, batch.Shape)).argmax(1).eq(tensor(batch.Labels)).sum().item<long>();
        }
        return (double)correct / data.Count;
    }

    [TestMethod]
    public void Run_MovingBlockDirection_AccuracyRises()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var test = MovingBlockClips.Create(32, seed: 2);
        double before = Accuracy(model, test);
        var options = Options(maxEpoch: 6);
        options.ValidationSet = MovingBlockClips.Create(16, seed: 3);
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(48, seed: 1));
        double after = Accuracy(model, test);
        var history = string.Join(", ", result.History.Select(h => $"{h.Loss:F3}/{h.TrainAccuracy:F2}/{h.ValidationAccuracy:F2}"));
        Assert.IsTrue(after >= 0.9, $"test accuracy {before:F3} -> {after:F3}; epochs {history}");
        Assert.IsTrue(result.History[^1].Loss < result.History[0].Loss, $"the loss falls: {history}");
        Assert.AreEqual(6, result.History.Count);
        Assert.AreEqual(6 * 12, result.GlobalStep, "48 clips in batches of 4, six epochs");
        Assert.IsFalse(result.Cancelled);
    }

    [TestMethod]
    public void Run_AdamWSingleGroup_Learns()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var options = Options(maxEpoch: 5);
        options.Optimizer = OptimizerKind.AdamW;
        options.LearningRate = 0.01;
        options.WeightDecay = 0.01;
        options.ParameterGrouping = ParameterGrouping.Single;
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(48, seed: 1));
        double accuracy = Accuracy(model, MovingBlockClips.Create(32, seed: 2));
        Assert.IsTrue(accuracy >= 0.9, $"AdamW test accuracy {accuracy:F3}, losses {string.Join(", ", result.History.Select(h => h.Loss.ToString("F3")))}");
    }

    [TestMethod]
    public void Run_SameSeed_SameLosses()
    {
        double[] Losses()
        {
            using var model = TinyMotionNet.Create(seed: 1);
            var options = Options(maxEpoch: 2);
            options.NumberOfThreads = null;   // the default: every core
            options.LabelSmoothing = 0.1;
            options.WarmupEpochs = 0.5;
            return new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(32, seed: 4)).History.Select(h => h.Loss).ToArray();
        }
        CollectionAssert.AreEqual(Losses(), Losses());
    }

    [TestMethod]
    public void Run_CancelledThenResumed_ContinuesTheSameLossCurve()
    {
        var data = MovingBlockClips.Create(32, seed: 4);
        using var reference = TinyMotionNet.Create(seed: 1);
        var expected = new VideoTrainingLoop(Options(maxEpoch: 4)).Run(reference, data).History;

        string folder = TempFolder();
        using var cancel = new CancellationTokenSource();
        var first = Options(maxEpoch: 4);
        first.CheckpointFolder = folder;
        first.CancellationToken = cancel.Token;
        first.ReportEveryNSteps = 1;
        first.MetricsCallback = p => { if (p.Epoch == 3 && p.Step == 2) cancel.Cancel(); };   // in the middle of epoch 3
        using var interrupted = TinyMotionNet.Create(seed: 1);
        var stopped = new VideoTrainingLoop(first).Run(interrupted, data);
        Assert.IsTrue(stopped.Cancelled);
        Assert.AreEqual(2, stopped.History.Count, "two epochs completed before the cancellation");
        Assert.AreEqual(2, stopped.BestEpoch, "the model of the last completed epoch is returned");

        var second = Options(maxEpoch: 4);
        second.ResumeFrom = folder;
        var epochsRun = new List<int>();
        second.MetricsCallback = p => { if (p.IsEpochEnd) epochsRun.Add(p.Epoch); };
        using var resumedModel = TinyMotionNet.Create(seed: 99);   // other weights: all must come from the checkpoint
        var resumed = new VideoTrainingLoop(second).Run(resumedModel, data);
        CollectionAssert.AreEqual(new[] { 3, 4 }, epochsRun.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4 }, resumed.History.Select(e => e.Epoch).ToArray());
        for (int e = 0; e < 4; e++)
        {
            Assert.AreEqual(expected[e].Loss, resumed.History[e].Loss, 1e-5 * Math.Max(1, expected[e].Loss), $"epoch {e + 1} loss");
            Assert.AreEqual(expected[e].LearningRate, resumed.History[e].LearningRate, 1e-12, $"epoch {e + 1} learning rate");
        }
    }

    [TestMethod]
    public void Run_CancelledInTheFirstEpoch_ReturnsNoCompletedEpoch()
    {
        using var cancel = new CancellationTokenSource();
        var options = Options(maxEpoch: 3);
        options.CancellationToken = cancel.Token;
        options.ReportEveryNSteps = 1;
        options.MetricsCallback = p => { if (p.Step == 3) cancel.Cancel(); };
        using var model = TinyMotionNet.Create(seed: 1);
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(32, seed: 4));
        Assert.IsTrue(result.Cancelled);
        Assert.AreEqual(0, result.History.Count);
        Assert.AreEqual(0, result.BestEpoch);
        Assert.AreEqual(3, result.GlobalStep, "it stops before the next step");
    }

    // A constant rate, so a shorter run repeats the first epochs of a longer one exactly; these seeds give a
    // validation curve that peaks before the last epoch.
    private static TrainingOptions PeakingValidation(double learningRate, int maxEpoch)
    {
        var o = Options(maxEpoch);
        o.LearningRate = learningRate;
        o.LearningRateSchedule = LearningRateScheduleKind.Constant;
        o.ValidationSet = MovingBlockClips.Create(16, seed: 7);
        return o;
    }

    [TestMethod]
    public void Run_WithValidation_ReturnsTheBestEpochsWeights()
    {
        var train = MovingBlockClips.Create(24, seed: 6);
        var options = PeakingValidation(0.03, maxEpoch: 6);
        using var model = TinyMotionNet.Create(seed: 6);
        var result = new VideoTrainingLoop(options).Run(model, train);
        var history = result.History;
        string curve = string.Join(", ", history.Select(h => h.ValidationAccuracy));
        double best = history.Max(h => h.ValidationAccuracy!.Value);
        Assert.IsTrue(history[^1].ValidationAccuracy < best, $"the setup must peak before the last epoch: {curve}");
        Assert.AreEqual(history.First(h => h.ValidationAccuracy == best).Epoch, result.BestEpoch, $"the first epoch of the best accuracy: {curve}");
        Assert.AreEqual(best, result.BestValidationAccuracy);
        Assert.AreEqual(best, Accuracy(model, options.ValidationSet!), 1e-9, "the returned model is the best epoch's");

        using var shorter = TinyMotionNet.Create(seed: 6);
        new VideoTrainingLoop(PeakingValidation(0.03, maxEpoch: result.BestEpoch)).Run(shorter, train);
        var expected = shorter.state_dict();
        foreach (var (key, value) in model.state_dict())
            Assert.IsTrue(value.Equals(expected[key]), $"{key} equals the weights after epoch {result.BestEpoch}");
    }

    [TestMethod]
    public void Run_ValidationCancelledAndResumed_KeepsTheSameBestEpoch()
    {
        var train = MovingBlockClips.Create(24, seed: 6);
        using var reference = TinyMotionNet.Create(seed: 6);
        var expected = new VideoTrainingLoop(PeakingValidation(0.05, maxEpoch: 6)).Run(reference, train);
        string curve = string.Join(", ", expected.History.Select(h => h.ValidationAccuracy));
        Assert.IsTrue(expected.BestEpoch < 4 && expected.History[^1].ValidationAccuracy < expected.BestValidationAccuracy,
            $"the setup must peak before the cancellation: {curve}");

        string folder = TempFolder();
        using var cancel = new CancellationTokenSource();
        var first = PeakingValidation(0.05, maxEpoch: 6);
        first.CheckpointFolder = folder;
        first.CancellationToken = cancel.Token;
        first.MetricsCallback = p => { if (p.IsEpochEnd && p.Epoch == 4) cancel.Cancel(); };
        using (var model = TinyMotionNet.Create(seed: 6)) Assert.IsTrue(new VideoTrainingLoop(first).Run(model, train).Cancelled);
        using (var file = SafeTensorsReader.Open(Path.Combine(folder, TrainingCheckpoint.FileName)))
            Assert.IsTrue(file.Contains("best.conv1.weight"), "an earlier best epoch is stored beside the last epoch's model");

        var second = PeakingValidation(0.05, maxEpoch: 6);
        second.ResumeFrom = folder;
        using var resumedModel = TinyMotionNet.Create(seed: 99);
        var resumed = new VideoTrainingLoop(second).Run(resumedModel, train);
        Assert.AreEqual(expected.BestEpoch, resumed.BestEpoch, curve);
        Assert.AreEqual(expected.BestValidationAccuracy, resumed.BestValidationAccuracy);
        Assert.AreEqual(resumed.BestValidationAccuracy!.Value, Accuracy(resumedModel, second.ValidationSet!), 1e-9, "the returned model is the best epoch's");
        foreach (var (key, value) in resumedModel.state_dict())
            Assert.IsTrue(value.Equals(reference.state_dict()[key]), $"{key} equals the uninterrupted run's best weights");
    }

    [TestMethod]
    public void Run_ValidationViews_CountsOnePredictionPerVideo()
    {
        // Three views per video: the clip of the video and two copies with its motion reversed (the other class).
        var clips = MovingBlockClips.Create(8, seed: 7).GetBatches(1, null, default).ToList();
        var viewClips = new List<float[]>();
        var viewLabels = new List<long>();
        for (int v = 0; v < clips.Count; v += 2)
        {
            foreach (var (clip, label) in new[] { (clips[v], clips[v].Labels[0]), (clips[v + 1], clips[v].Labels[0]), (clips[v + 1], clips[v].Labels[0]) })
            {
                viewClips.Add(clip.Data);
                viewLabels.Add(label);
            }
        }
        var shape = new long[] { MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size };
        var options = Options(maxEpoch: 6);
        options.ValidationSet = new InMemoryClipBatchSource(viewClips, viewLabels, shape);
        options.ValidationViews = 3;
        using var model = TinyMotionNet.Create(seed: 1);
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(48, seed: 1));
        // A model that learnt the direction sees two of three views of the other class, so it gets every video wrong;
        // per-view counting would give one third.
        Assert.AreEqual(0.0, result.History[^1].ValidationAccuracy, $"per-video accuracy; train accuracy {result.History[^1].TrainAccuracy:F2}");
    }

    [TestMethod]
    public void Run_ResumeFromAnotherArchitecture_ThrowsNamingTheFileAndTheDifference()
    {
        string folder = TempFolder();
        var first = Options(maxEpoch: 1);
        first.CheckpointFolder = folder;
        using (var model = TinyMotionNet.Create(seed: 1)) new VideoTrainingLoop(first).Run(model, MovingBlockClips.Create(8, seed: 5));
        string file = Path.Combine(folder, TrainingCheckpoint.FileName);
        Assert.IsTrue(File.Exists(file));

        var second = Options(maxEpoch: 2);
        second.ResumeFrom = folder;
        torch.manual_seed(1);
        using var wider = new TinyMotionNet(MovingBlockClips.Channels, classes: 2, width: 6);
        var e = Assert.ThrowsExactly<CheckpointMismatchException>(() => new VideoTrainingLoop(second).Run(wider, MovingBlockClips.Create(8, seed: 5)));
        Assert.AreEqual(file, e.CheckpointPath);
        StringAssert.Contains(e.Message, file);
        StringAssert.Contains(e.Message, "conv1.weight");
    }

    [TestMethod]
    public void Run_ResumeWithAnotherOptimizer_ThrowsNamingBoth()
    {
        string folder = TempFolder();
        var first = Options(maxEpoch: 1);
        first.CheckpointFolder = folder;
        using (var model = TinyMotionNet.Create(seed: 1)) new VideoTrainingLoop(first).Run(model, MovingBlockClips.Create(8, seed: 5));

        var second = Options(maxEpoch: 2);
        second.ResumeFrom = folder;
        second.Optimizer = OptimizerKind.AdamW;
        using var same = TinyMotionNet.Create(seed: 1);
        var e = Assert.ThrowsExactly<CheckpointMismatchException>(() => new VideoTrainingLoop(second).Run(same, MovingBlockClips.Create(8, seed: 5)));
        StringAssert.Contains(e.Message, "Sgd");
        StringAssert.Contains(e.Message, "AdamW");
    }

    [TestMethod]
    public void Run_ManySteps_NativeTensorCountAndMemoryStayFlat()
    {
        var options = Options(maxEpoch: 20);
        options.ReportEveryNSteps = 1;
        options.CheckpointFolder = TempFolder();
        options.ValidationSet = MovingBlockClips.Create(8, seed: 9);
        var tensors = new List<long>();
        var memory = new List<long>();
        using var self = Process.GetCurrentProcess();
        options.MetricsCallback = p =>
        {
            if (p.IsEpochEnd) return;
            tensors.Add(torch.Tensor.TotalCount);
            self.Refresh();
            memory.Add(self.WorkingSet64);
        };
        using var model = TinyMotionNet.Create(seed: 1);
        // The count is process-wide: let earlier tests' garbage be finalised first, so only this run moves it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(64, seed: 8));
        Assert.AreEqual(320, result.GlobalStep);
        // Once the first step made the momentum buffers and the first epoch the best-model copy, every step leaves
        // exactly as many tensors alive.
        const int StepsPerEpoch = 16;
        long settled = tensors[StepsPerEpoch];
        Assert.IsTrue(tensors.Skip(StepsPerEpoch).All(t => t == settled),
            $"live tensors drift: step {StepsPerEpoch + 1} {settled}, max {tensors.Skip(StepsPerEpoch).Max()}, last {tensors[^1]}");
        double growthMiB = (memory[^1] - memory[20]) / (1024.0 * 1024.0);
        Console.WriteLine(FormattableString.Invariant($"live tensors {settled} from step {StepsPerEpoch + 1} to 320; RSS {memory[20] / 1048576.0:F0} -> {memory[^1] / 1048576.0:F0} MiB"));
        Assert.IsTrue(growthMiB < 64, $"resident memory grew {growthMiB:F1} MiB from step 21 to step 320");
    }

    [TestMethod]
    public void Run_Progress_ReportsEveryFieldToTheCallbackAndTheLog()
    {
        var options = Options(maxEpoch: 2);
        options.ReportEveryNSteps = 2;
        options.ValidationSet = MovingBlockClips.Create(8, seed: 9);
        var reports = new List<TrainingProgress>();
        var log = new List<string>();
        options.MetricsCallback = reports.Add;
        options.Log = log.Add;
        using var model = TinyMotionNet.Create(seed: 1);
        new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(16, seed: 8));

        Assert.AreEqual(2 * (2 + 1), reports.Count, "steps 2 and 4 plus the epoch end, twice");
        var end = reports[^1];
        Assert.IsTrue(end.IsEpochEnd);
        Assert.AreEqual((2, 2, 4, 4, 8L), (end.Epoch, end.MaxEpoch, end.Step, end.StepsPerEpoch, end.GlobalStep));
        Assert.IsNotNull(end.ValidationAccuracy);
        Assert.IsTrue(end.ClipsPerSecond > 0 && end.Loss > 0 && end.LearningRate > 0);
        Assert.AreEqual(TimeSpan.Zero, end.EstimatedTimeRemaining, "nothing left after the last step");
        Assert.IsTrue(reports[0].EstimatedTimeRemaining > TimeSpan.Zero);
        Assert.IsNull(reports[0].ValidationAccuracy, "validation only at epoch ends");
        foreach (var word in new[] { "epoch 1/2 step 2/4", "loss", "lr", "acc", "clips/s", "ETA" })
            Assert.IsTrue(log.Any(l => l.Contains(word, StringComparison.Ordinal)), $"the log mentions '{word}'");
        Assert.IsTrue(log.Any(l => l.Contains(" val ", StringComparison.Ordinal)), "epoch ends carry the validation accuracy");
        Assert.IsTrue(log[0].StartsWith("Training ", StringComparison.Ordinal), log[0]);
    }

    [TestMethod]
    public void Run_GradientClipNorm_BoundsEveryUpdate()
    {
        using var model = TinyMotionNet.Create(seed: 1);
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var options = Options(maxEpoch: 1);
        options.Momentum = 0;
        options.WeightDecay = 0;
        options.LearningRate = 0.1;
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        options.GradientClipNorm = 1e-3;
        var result = new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(16, seed: 8));
        using var scope = NewDisposeScope();
        double moved = Math.Sqrt(model.parameters().Zip(before).Sum(p => (p.First.detach() - p.Second).pow(2).sum().item<float>()));
        // Each step moves at most lr x (largest group multiplier, 10) x clip norm.
        double bound = result.GlobalStep * 0.1 * 10 * 1e-3;
        Assert.IsTrue(moved <= bound * 1.0001, $"the weights moved {moved:G4}, more than {bound:G4}");
        Assert.IsTrue(moved > 0);
        foreach (var t in before) t.Dispose();
    }

    [TestMethod]
    public void Run_NaNInput_ThrowsNamingTheStep()
    {
        var clip = Enumerable.Repeat(float.NaN, MovingBlockClips.Frames * MovingBlockClips.Channels * MovingBlockClips.Size * MovingBlockClips.Size).ToArray();
        var data = new InMemoryClipBatchSource([clip, clip], [0, 1], [MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size]);
        using var model = TinyMotionNet.Create(seed: 1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => new VideoTrainingLoop(Options(maxEpoch: 1)).Run(model, data));
        StringAssert.Contains(e.Message, "step 1");
    }

    [TestMethod]
    public void Run_LabelOutsideTheClasses_ThrowsNamingIt()
    {
        var source = MovingBlockClips.Create(4, seed: 1);
        var clips = source.GetBatches(1, null, default).Select(b => b.Data).ToList();
        var data = new InMemoryClipBatchSource(clips, [0, 1, 2, 1], [MovingBlockClips.Frames, MovingBlockClips.Channels, MovingBlockClips.Size, MovingBlockClips.Size]);
        using var model = TinyMotionNet.Create(seed: 1);
        var options = Options(maxEpoch: 1);
        options.BatchSize = 4;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => new VideoTrainingLoop(options).Run(model, data));
        StringAssert.Contains(e.Message, "Label 2");
    }

    [TestMethod]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt()
    {
        var options = Options(maxEpoch: 1);
        options.LabelSmoothing = 1.5;
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VideoTrainingLoop(options));
        Assert.AreEqual(nameof(TrainingOptions.LabelSmoothing), e.ParamName);
    }
}
