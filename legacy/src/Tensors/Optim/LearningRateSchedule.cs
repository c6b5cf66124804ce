namespace MLVideo.Tensors.Optim;

/// <summary>
/// A learning-rate schedule as a pure function of the scheduler's step count (closed form, so any step can be
/// computed directly, e.g. when resuming). Schedules compose by wrapping: <see cref="LinearWarmupLR"/> around
/// <see cref="CosineAnnealingLR"/>, or <see cref="EpochsAsIterations"/> to run an epoch-based schedule from a
/// scheduler stepped every iteration. A <see cref="LearningRateScheduler"/> applies one to an optimiser.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at <paramref name="step"/> for a group whose initial rate is <paramref name="baseLearningRate"/>.</summary>
    /// <param name="baseLearningRate">The group's initial learning rate.</param>
    /// <param name="step">Scheduler steps taken so far (0 before the first <see cref="LearningRateScheduler.Step"/>).</param>
    public abstract double LearningRate(double baseLearningRate, int step);

    /// <summary>Throws on a negative step, naming the schedule.</summary>
    protected void CheckStep(int step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"{GetType().Name}: step cannot be negative.");
    }
}
