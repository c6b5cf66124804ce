using System.Diagnostics;
using MLVideo.Tensors;
using MLVideo.Tensors.Optim;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// The training loop shared by the TSN-family trainers: per-epoch shuffling, mini-batches, SGD with the official
/// parameter groups, warm-up and schedule per iteration, gradient-norm clipping, whole-set validation after every
/// epoch with best-model keeping, a checkpoint after every epoch, resume, cancellation and progress reports.
/// </summary>
internal sealed class VideoTrainingLoop
{
    private const string Source = "VideoTrainer";
    private readonly MLVideoContext _context;
    private readonly VideoTrainerOptions _options;
    private readonly int _seed;

    public VideoTrainingLoop(MLVideoContext context, VideoTrainerOptions options, int seed)
    {
        _context = context;
        _options = options;
        _seed = seed;
    }

    public TrainingResult Run(VideoClassifier model, string fingerprint, ClipSource train, ClipSource? validation)
    {
        var o = _options;
        var cancel = o.CancellationToken;
        int clipCount = train.Count(cancel);
        if (clipCount == 0) throw new InvalidOperationException($"The training data has no rows with a label in '{o.LabelColumnName}'.");
        int stepsPerEpoch = (clipCount + o.BatchSize - 1) / o.BatchSize;
        int totalSteps = stepsPerEpoch * o.MaxEpoch;

        using var optimizer = new Sgd(OfficialParameterGroups.Create(model, o.LearningRate, o.WeightDecay), o.LearningRate, momentum: o.Momentum, weightDecay: o.WeightDecay);
        var scheduler = new LearningRateScheduler(optimizer, BuildSchedule(stepsPerEpoch, totalSteps));

        var history = new List<EpochSummary>();
        int startEpoch = 0, bestEpoch = 0;
        double? bestAccuracy = null;
        Dictionary<string, Tensor>? bestState = null;
        if (o.ResumeFrom is { } resume)
        {
            var checkpoint = TrainingCheckpoint.Load(resume, model, optimizer, fingerprint);
            startEpoch = checkpoint.CompletedEpochs;
            scheduler.Resume(checkpoint.GlobalStep);
            history.AddRange(checkpoint.History);
            bestAccuracy = checkpoint.BestAccuracy;
            bestEpoch = checkpoint.BestEpoch;
            string bestFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Directory.Exists(resume) ? Path.Combine(resume, "x") : resume))!, TrainingCheckpoint.BestFileName);
            if (bestAccuracy is not null && File.Exists(bestFile))
                bestState = Tensors.Serialization.SafeTensors.Load(bestFile).ToTensors();
            _context.WriteLog(ChannelMessageKind.Info, Source, $"Resumed from '{resume}' after epoch {startEpoch} (step {checkpoint.GlobalStep}).");
        }

        var clock = Stopwatch.StartNew();
        int clipsDone = 0, stepsDoneThisRun = 0;
        bool cancelled = false;
        for (int epoch = startEpoch + 1; epoch <= o.MaxEpoch && !cancelled; epoch++)
        {
            model.Train();
            double lossSum = 0;
            int correct = 0, seen = 0, step = 0;
            var random = new Random(unchecked(_seed * 7919 + epoch));
            var batch = new List<LabeledClip>(o.BatchSize);
            foreach (var clip in train.Epoch(random, cancel))
            {
                batch.Add(clip);
                if (batch.Count < o.BatchSize) continue;
                if (cancel.IsCancellationRequested) { cancelled = true; break; }
                (double loss, int hits) = TrainStep(model, optimizer, scheduler, train.Geometry, batch);
                lossSum += loss * batch.Count; correct += hits; seen += batch.Count; step++; clipsDone += batch.Count; stepsDoneThisRun++;
                batch.Clear();
                if (step % Math.Max(1, o.ReportEveryNSteps) == 0)
                    Report(epoch, step, stepsPerEpoch, lossSum / seen, optimizer, (double)correct / seen, null, clipsDone, clock, totalSteps - (epoch - 1) * stepsPerEpoch - step, stepsDoneThisRun, false);
            }
            if (!cancelled && batch.Count > 0)
            {
                if (cancel.IsCancellationRequested) cancelled = true;
                else
                {
                    (double loss, int hits) = TrainStep(model, optimizer, scheduler, train.Geometry, batch);
                    lossSum += loss * batch.Count; correct += hits; seen += batch.Count; step++; clipsDone += batch.Count; stepsDoneThisRun++;
                }
            }
            if (cancelled)
            {
                _context.WriteLog(ChannelMessageKind.Warning, Source, $"Training cancelled in epoch {epoch}; returning the model of epoch {Math.Max(bestEpoch, history.Count)}.");
                break;
            }

            double? valAccuracy = validation is null ? null : Accuracy(model, validation, cancel);
            var summary = new EpochSummary(epoch, lossSum / Math.Max(1, seen), (double)correct / Math.Max(1, seen), valAccuracy, optimizer.ParameterGroups[0].LearningRate);
            history.Add(summary);
            if (valAccuracy is double acc && (bestAccuracy is null || acc > bestAccuracy.Value))
            {
                bestAccuracy = acc;
                bestEpoch = epoch;
                DisposeAll(bestState);
                bestState = CopyState(model);
                if (o.CheckpointFolder is { } folder)
                    Tensors.Serialization.SafeTensors.Save(Path.Combine(folder, TrainingCheckpoint.BestFileName), bestState);
            }
            else if (validation is null)
            {
                bestEpoch = epoch;
            }
            if (o.CheckpointFolder is { } checkpointFolder)
            {
                new TrainingCheckpoint
                {
                    CompletedEpochs = epoch, GlobalStep = scheduler.StepCount, BestAccuracy = bestAccuracy, BestEpoch = bestEpoch,
                    History = history, ModelFingerprint = fingerprint,
                }.Save(Path.Combine(checkpointFolder, TrainingCheckpoint.FileName), model, optimizer);
            }
            Report(epoch, step, stepsPerEpoch, summary.Loss, optimizer, summary.TrainAccuracy, valAccuracy, clipsDone, clock,
                totalSteps - epoch * stepsPerEpoch, stepsDoneThisRun, true);
        }

        if (bestState is not null)
        {
            model.LoadStateDict(bestState, strict: true);
            DisposeAll(bestState);
        }
        model.Eval();
        return new TrainingResult(history, bestEpoch, bestAccuracy, cancelled);
    }

    private (double Loss, int Correct) TrainStep(VideoClassifier model, Optimizer optimizer, LearningRateScheduler scheduler, ClipGeometry geometry, List<LabeledClip> batch)
    {
        using var scope = TensorScope.Begin();
        var input = new Tensor(geometry.InputShape(batch.Count));
        var data = input.Data;
        var labels = new int[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Pixels.AsSpan().CopyTo(data.Slice(i * geometry.ViewLength, geometry.ViewLength));
            labels[i] = batch[i].Label;
        }
        var logits = model.Forward(input);
        var loss = Functional.CrossEntropy(logits, labels, _options.LabelSmoothing);
        float lossValue = loss.Item();
        // A NaN loss would silently destroy the weights; stop with the step that produced it.
        if (!float.IsFinite(lossValue)) NumericChecks.ThrowIfNotFinite(loss, $"VideoTrainer training loss at step {scheduler.StepCount + 1}");
        optimizer.ZeroGrad();
        loss.Backward();
        if (_options.GradientClipNorm > 0) GradientClipping.ClipGradNorm(model.Parameters(), _options.GradientClipNorm);
        optimizer.Step();
        scheduler.Step();
        int correct = 0;
        var predicted = logits.ArgMax(1);
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (lossValue, correct);
    }

    /// <summary>Accuracy over the whole validation set (eval mode, all views of a row combined).</summary>
    internal double Accuracy(VideoClassifier model, ClipSource validation, CancellationToken cancel)
    {
        model.Eval();
        var geometry = validation.Geometry;
        int classes = model.NumClasses, correct = 0, total = 0;
        // Validation rows keep their views together, so read rows (not views) in batches.
        var rows = new List<float[]>();
        var labels = new List<int>();
        void Flush()
        {
            if (rows.Count == 0) return;
            var probabilities = new float[rows.Count * classes];
            ClipPredictor.Predict(model, geometry, _options.ViewAveraging, rows, probabilities);
            for (int r = 0; r < rows.Count; r++)
            {
                int best = 0;
                for (int k = 1; k < classes; k++) if (probabilities[r * classes + k] > probabilities[r * classes + best]) best = k;
                if (best == labels[r]) correct++;
                total++;
            }
            rows.Clear();
            labels.Clear();
        }
        int views = geometry.Views;
        float[]? row = null;
        int viewIndex = 0;
        foreach (var clip in validation.Epoch(null, cancel))
        {
            row ??= new float[geometry.RowLength];
            clip.Pixels.AsSpan().CopyTo(row.AsSpan(viewIndex * geometry.ViewLength));
            if (++viewIndex < views) continue;
            rows.Add(row);
            labels.Add(clip.Label);
            row = null;
            viewIndex = 0;
            if (rows.Count >= Math.Max(1, _options.BatchSize)) Flush();
        }
        Flush();
        model.Train();
        return total == 0 ? 0 : (double)correct / total;
    }

    private LearningRateSchedule BuildSchedule(int stepsPerEpoch, int totalSteps)
    {
        var o = _options;
        int warmupSteps = (int)Math.Round(o.WarmupEpochs * stepsPerEpoch);
        LearningRateSchedule main = o.LearningRateSchedule switch
        {
            LearningRateScheduleKind.Cosine => new CosineAnnealingLR(Math.Max(1, totalSteps - warmupSteps)),
            LearningRateScheduleKind.MultiStep => new EpochsAsIterations(new MultiStepLR(o.LearningRateSteps), stepsPerEpoch),
            LearningRateScheduleKind.Constant => new MultiStepLR([]),
            _ => throw new ArgumentOutOfRangeException(nameof(o.LearningRateSchedule), o.LearningRateSchedule, "Unknown schedule."),
        };
        if (warmupSteps <= 0) return main;
        // Cosine counts from the end of the warm-up; step-based schedules keep counting epochs from the start.
        return new LinearWarmupLR(warmupSteps, o.LearningRateSchedule == LearningRateScheduleKind.Cosine ? new ShiftedSchedule(main, warmupSteps) : main);
    }

    private void Report(int epoch, int step, int stepsPerEpoch, double loss, Optimizer optimizer, double accuracy, double? validation,
        int clipsDone, Stopwatch clock, int stepsLeft, int stepsDoneThisRun, bool epochEnd)
    {
        double seconds = Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        var eta = TimeSpan.FromSeconds(stepsDoneThisRun == 0 ? 0 : seconds / stepsDoneThisRun * Math.Max(0, stepsLeft));
        var progress = new TrainingProgress(epoch, _options.MaxEpoch, step, stepsPerEpoch, loss, optimizer.ParameterGroups[0].LearningRate, accuracy,
            validation, clipsDone / seconds, eta, epochEnd);
        _context.WriteLog(epochEnd ? ChannelMessageKind.Info : ChannelMessageKind.Trace, Source, progress.ToString());
        _options.MetricsCallback?.Invoke(progress);
    }

    private static Dictionary<string, Tensor> CopyState(VideoClassifier model)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (key, value) in model.StateDict()) copy[key] = value.Detach().Clone().MoveToOuterScopeFully();
        return copy;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? state)
    {
        if (state is null) return;
        foreach (var t in state.Values) t.Dispose();
    }
}
