using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Trains any module that maps a float batch (first dimension = clips) to logits (clips, classes) with
/// cross-entropy: per-epoch shuffling with a seed per epoch, mini-batches prefetched on a background thread, SGD or
/// AdamW over the official parameter groups, warm-up and schedule per iteration, global gradient-norm clipping, label
/// smoothing, whole-set validation after every epoch with best-model keeping, an atomic checkpoint after every epoch,
/// resume (also after a killed process), cancellation, and progress through a callback and a log sink.
/// </summary>
/// <remarks>
/// Every step runs in its own dispose scope, so native memory stays flat over epochs. The model is moved to
/// <see cref="TrainingOptions.Device"/> and is left in eval mode holding the returned epoch's weights.
/// </remarks>
public sealed class VideoTrainingLoop
{
    /// <summary>Creates the loop; the options are checked here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public VideoTrainingLoop(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options of the run.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Trains <paramref name="model"/> on <paramref name="trainingData"/>.</summary>
    /// <exception cref="InvalidOperationException">No training clips, a label outside the model's classes, or a non-finite loss.</exception>
    /// <exception cref="CheckpointMismatchException"><see cref="TrainingOptions.ResumeFrom"/> was written for another model or optimiser.</exception>
    public TrainingResult Run(nn.Module<Tensor, Tensor> model, IClipBatchSource trainingData)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainingData);
        var o = Options;
        var cancel = o.CancellationToken;
        int clipCount = trainingData.Count;
        if (clipCount <= 0) throw new InvalidOperationException("The training data has no clips.");
        if (o.ValidationSet is { Count: <= 0 }) throw new InvalidOperationException("The validation set has no clips.");
        int stepsPerEpoch = (clipCount + o.BatchSize - 1) / o.BatchSize;
        var schedule = new LearningRateSchedule(o.LearningRateSchedule, stepsPerEpoch, o.MaxEpoch, o.WarmupEpochs, o.LearningRateMilestones, o.LearningRateDecay);

        torch.set_num_threads(o.NumberOfThreads ?? Environment.ProcessorCount);
        model.to(o.Device);
        model.train();
        var fingerprint = ModelFingerprint.Of(model);
        var groups = ParameterGroups.Create(model, o.ParameterGrouping, o.BoostClassifierLearningRate);
        using var optimizer = new GroupedOptimizer(model, groups, OptimizerSettings.From(o));
        var run = new RunState { Seed = o.Seed ?? Random.Shared.Next() };
        try
        {
            if (o.ResumeFrom is { } resumeFrom) Resume(model, optimizer, fingerprint, resumeFrom, run);
            long parameterCount = optimizer.Parameters.Sum(p => p.numel());
            Write(FormattableString.Invariant(
                $"Training {parameterCount} parameters on {o.Device}: {clipCount} clips, {stepsPerEpoch} steps per epoch, {GroupedOptimizer.Describe(optimizer.Settings)}, groups {string.Join(", ", groups.Select(g => $"{g.Name} ({g.ParameterNames.Count})"))}, seed {run.Seed}."));

            var clock = new ThroughputClock(schedule.TotalSteps - run.GlobalStep);
            for (int epoch = run.History.Count + 1; epoch <= o.MaxEpoch; epoch++)
            {
                var outcome = cancel.IsCancellationRequested ? null : TrainEpoch(model, optimizer, schedule, trainingData, epoch, run, clock);
                double? validation = null;
                if (outcome is not null && o.ValidationSet is { } validationSet)
                {
                    validation = Evaluate(model, validationSet, cancel);
                    if (validation is null) outcome = null;
                }
                if (outcome is not { } done)
                {
                    run.Cancelled = true;
                    Write($"Training cancelled in epoch {epoch}; returning the model of epoch {run.BestEpoch}.");
                    break;
                }
                var summary = new EpochSummary(epoch, done.Loss, done.Accuracy, validation, done.LearningRate);
                run.History.Add(summary);
                KeepBest(model, summary, run);
                if (o.CheckpointFolder is { } folder) SaveCheckpoint(folder, model, optimizer, fingerprint, schedule, run);
                Report(epoch, stepsPerEpoch, stepsPerEpoch, run.GlobalStep, done.Loss, done.LearningRate, done.Accuracy, validation, clock, true);
            }

            if (run.Best is not null) model.load_state_dict(run.Best, strict: true);
            model.eval();
            return new TrainingResult(run.History, run.BestEpoch, run.BestValidationAccuracy, run.Cancelled, run.GlobalStep, parameterCount);
        }
        finally
        {
            ModelState.Dispose(run.Best);
        }
    }

    private void Resume(nn.Module<Tensor, Tensor> model, GroupedOptimizer optimizer, ModelFingerprint fingerprint, string resumeFrom, RunState run)
    {
        var checkpoint = TrainingCheckpoint.Read(resumeFrom);
        run.Best = checkpoint.Restore(model, optimizer, fingerprint, Options.Device);
        if (Options.Seed is int seed && seed != checkpoint.Seed)
            Write($"The checkpoint's seed {checkpoint.Seed} replaces the option's {seed}, so the resumed epochs repeat the original run.");
        run.Seed = checkpoint.Seed;
        run.GlobalStep = checkpoint.GlobalStep;
        run.BestEpoch = checkpoint.BestEpoch;
        run.BestValidationAccuracy = checkpoint.BestValidationAccuracy;
        run.History.AddRange(checkpoint.History);
        Write(FormattableString.Invariant($"Resumed from '{checkpoint.Path}' after epoch {checkpoint.CompletedEpochs} (step {checkpoint.GlobalStep})."));
    }

    /// <summary>One epoch of steps; null when cancelled before its end.</summary>
    private EpochOutcome? TrainEpoch(nn.Module<Tensor, Tensor> model, GroupedOptimizer optimizer, LearningRateSchedule schedule,
        IClipBatchSource data, int epoch, RunState run, ThroughputClock clock)
    {
        var o = Options;
        var cancel = o.CancellationToken;
        // Both generators restart from the run's seed at every epoch, so a resumed epoch repeats the original one.
        long torchSeed = EpochSeed(run.Seed, epoch, salt: 2);
        torch.random.manual_seed(torchSeed).Dispose();   // the returned wrapper only; the default generator stays seeded
        if (o.Device.type == DeviceType.CUDA) torch.cuda.manual_seed_all(torchSeed);
        model.train();
        double lossSum = 0, learningRate = 0;
        long correct = 0, seen = 0;
        int step = 0;
        try
        {
            var batches = BatchPrefetcher.Prefetch(token => data.GetBatches(o.BatchSize, EpochSeed(run.Seed, epoch, salt: 1), token), o.PrefetchBatches, cancel);
            foreach (var batch in batches)
            {
                if (cancel.IsCancellationRequested) return null;
                double factor = schedule.Factor(run.GlobalStep);
                optimizer.SetLearningRateFactor(factor);
                learningRate = o.LearningRate * factor;
                var (loss, hits) = TrainStep(model, optimizer, batch, run.GlobalStep);
                run.GlobalStep++;
                step++;
                lossSum += loss * batch.Count;
                correct += hits;
                seen += batch.Count;
                clock.StepDone(batch.Count);
                if (step % o.ReportEveryNSteps == 0)
                    Report(epoch, step, schedule.StepsPerEpoch, run.GlobalStep, lossSum / seen, learningRate, (double)correct / seen, null, clock, false);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
        if (seen == 0) throw new InvalidOperationException($"The training data gave no batch in epoch {epoch}, though it counts {data.Count} clips.");
        return new EpochOutcome(lossSum / seen, (double)correct / seen, learningRate);
    }

    private (double Loss, long Correct) TrainStep(nn.Module<Tensor, Tensor> model, GroupedOptimizer optimizer, ClipBatch batch, long globalStep)
    {
        using var scope = NewDisposeScope();
        var (logits, labels) = Forward(model, batch);
        var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: Options.LabelSmoothing);
        double lossValue = loss.item<float>();
        // A non-finite loss would silently destroy the weights: stop at the step that produced it.
        if (!double.IsFinite(lossValue))
            throw new InvalidOperationException(FormattableString.Invariant($"The training loss is {lossValue} at step {globalStep + 1}; lower the learning rate or check the inputs."));
        optimizer.ZeroGrad();
        loss.backward();
        if (Options.GradientClipNorm > 0) nn.utils.clip_grad_norm_(optimizer.Parameters, Options.GradientClipNorm);
        optimizer.Step();
        long correct = logits.argmax(1).eq(labels).sum().item<long>();
        return (lossValue, correct);
    }

    /// <summary>Accuracy over the whole validation set in eval mode, per video when clips are views; null when cancelled.</summary>
    private double? Evaluate(nn.Module<Tensor, Tensor> model, IClipBatchSource validation, CancellationToken cancel)
    {
        model.eval();
        int views = Options.ValidationViews;
        long correct = 0, total = 0;
        try
        {
            using var noGrad = no_grad();
            // Whole videos per batch: the source batches clips, so ask for a multiple of the views.
            var batches = BatchPrefetcher.Prefetch(token => validation.GetBatches(Options.BatchSize * views, null, token), Options.PrefetchBatches, cancel);
            foreach (var batch in batches)
            {
                if (cancel.IsCancellationRequested) return null;
                using var scope = NewDisposeScope();
                var (logits, labels) = Forward(model, batch);
                if (views > 1)
                {
                    if (batch.Count % views != 0)
                        throw new InvalidOperationException($"A validation batch of {batch.Count} clips does not split into videos of {views} views; the validation set must hold whole videos.");
                    var perView = logits.reshape(batch.Count / views, views, logits.shape[1]);   // (videos, views, classes)
                    logits = (Options.AverageViewProbabilities ? perView.softmax(2) : perView).mean([1]);
                    labels = labels.reshape(batch.Count / views, views).select(1, 0);
                }
                correct += logits.argmax(1).eq(labels).sum().item<long>();
                total += labels.shape[0];
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            model.train();
        }
        return total == 0 ? 0 : (double)correct / total;
    }

    /// <summary>The batch on the device and the model's logits, checked to be (clips, classes) and to cover every label.</summary>
    private (Tensor Logits, Tensor Labels) Forward(nn.Module<Tensor, Tensor> model, ClipBatch batch)
    {
        var input = tensor(batch.Data, batch.Shape).to(Options.Device);
        var labels = tensor(batch.Labels).to(Options.Device);
        var logits = model.call(input);
        if (logits.dim() != 2 || logits.shape[0] != batch.Count)
            throw new InvalidOperationException($"The model returned a tensor of shape [{string.Join(", ", logits.shape)}] for a batch of {batch.Count} clips; expected logits ({batch.Count}, classes).");
        long classes = logits.shape[1];
        foreach (long label in batch.Labels)
            if (label < 0 || label >= classes)
                throw new InvalidOperationException($"Label {label} is outside the model's {classes} classes (0..{classes - 1}).");
        return (logits, labels);
    }

    private void KeepBest(nn.Module<Tensor, Tensor> model, EpochSummary summary, RunState run)
    {
        bool byValidation = Options.KeepBestModel && summary.ValidationAccuracy is not null;
        if (byValidation && run.BestValidationAccuracy is double best && summary.ValidationAccuracy <= best) return;
        // Without validation the "best" is the last completed epoch: its copy is what a cancellation returns.
        run.BestEpoch = summary.Epoch;
        run.BestValidationAccuracy = summary.ValidationAccuracy;
        ModelState.Dispose(run.Best);
        run.Best = ModelState.Copy(model);
    }

    private void SaveCheckpoint(string folder, nn.Module<Tensor, Tensor> model, GroupedOptimizer optimizer, ModelFingerprint fingerprint, LearningRateSchedule schedule, RunState run)
    {
        var content = new CheckpointContent(run.History.Count, run.GlobalStep, run.Seed, run.BestEpoch, run.BestValidationAccuracy, run.History,
            FormattableString.Invariant($"{schedule.Kind}, {schedule.StepsPerEpoch} steps per epoch, {schedule.TotalSteps} steps, warm-up {schedule.WarmupSteps}"), fingerprint);
        // When the best epoch is the last one its weights are the model's: no second copy in the file.
        var best = run.BestEpoch == run.History.Count ? null : run.Best;
        TrainingCheckpoint.Write(Path.Combine(folder, TrainingCheckpoint.FileName), content, model, optimizer, best);
    }

    private void Report(int epoch, int step, int stepsPerEpoch, long globalStep, double loss, double learningRate, double accuracy, double? validation,
        ThroughputClock clock, bool epochEnd)
    {
        var progress = new TrainingProgress(epoch, Options.MaxEpoch, step, stepsPerEpoch, globalStep, loss, learningRate, accuracy, validation,
            clock.ClipsPerSecond, clock.EstimatedTimeRemaining, epochEnd);
        Options.Log?.Invoke(progress.ToString());
        Options.MetricsCallback?.Invoke(progress);
    }

    private void Write(string message) => Options.Log?.Invoke(message);

    // Deterministic across processes (string.GetHashCode and HashCode are randomised per process).
    private static int EpochSeed(int seed, int epoch, int salt) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)epoch * 40503u + (uint)salt * 97u)));

    private sealed record EpochOutcome(double Loss, double Accuracy, double LearningRate);

    private sealed class RunState
    {
        public int Seed { get; set; }
        public long GlobalStep { get; set; }
        public int BestEpoch { get; set; }
        public double? BestValidationAccuracy { get; set; }
        public Dictionary<string, Tensor>? Best { get; set; }
        public List<EpochSummary> History { get; } = [];
        public bool Cancelled { get; set; }
    }

    /// <summary>Clips per second and time left, over the steps this process ran.</summary>
    private sealed class ThroughputClock(long stepsLeft)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _clips, _steps;

        public void StepDone(int clips)
        {
            _clips += clips;
            _steps++;
        }

        public double ClipsPerSecond => _clips / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);

        public TimeSpan EstimatedTimeRemaining => _steps == 0 ? TimeSpan.Zero
            : TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _steps * Math.Max(0, stepsLeft - _steps));
    }
}
