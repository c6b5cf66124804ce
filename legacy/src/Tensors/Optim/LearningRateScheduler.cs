namespace MLVideo.Tensors.Optim;

/// <summary>
/// Drives an optimiser's learning rates with a <see cref="LearningRateSchedule"/>, as PyTorch's schedulers do:
/// on creation each group's rate becomes its <see cref="ParameterGroup.InitialLearningRate"/> (kept if already
/// set, e.g. when resuming) and the step-0 rate is applied; each <see cref="Step"/> advances one step (one epoch
/// or one iteration, as the schedule is designed) and sets the rates. Call it after <see cref="Optimizer.Step"/>.
/// </summary>
public sealed class LearningRateScheduler
{
    private readonly Optimizer _optimizer;

    /// <summary>Attaches <paramref name="schedule"/> to <paramref name="optimizer"/> and applies step 0.</summary>
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        _optimizer = optimizer;
        Schedule = schedule;
        foreach (var g in optimizer.ParameterGroups) g.InitialLearningRate ??= g.LearningRate;
        Apply();
    }

    /// <summary>The schedule.</summary>
    public LearningRateSchedule Schedule { get; }

    /// <summary>Steps taken (PyTorch's <c>last_epoch</c>).</summary>
    public int StepCount { get; private set; }

    /// <summary>The current learning rate of each group (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLearningRates => _optimizer.ParameterGroups.Select(g => g.LearningRate).ToArray();

    /// <summary>Advances one step and sets every group's learning rate.</summary>
    public void Step()
    {
        StepCount++;
        Apply();
    }

    /// <summary>Jumps to <paramref name="stepCount"/> (when resuming a run) and sets the rates for it.</summary>
    public void Resume(int stepCount)
    {
        if (stepCount < 0) throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount, "LearningRateScheduler: step count cannot be negative.");
        StepCount = stepCount;
        Apply();
    }

    private void Apply()
    {
        foreach (var g in _optimizer.ParameterGroups)
        {
            // A group added after the scheduler was created starts from its own rate.
            g.InitialLearningRate ??= g.LearningRate;
            g.LearningRate = Schedule.LearningRate(g.InitialLearningRate.Value, StepCount);
        }
    }
}
