namespace MLVideo.Tensors.Optim;

/// <summary>
/// Linear warm-up around another schedule: lr = inner(step) x (s + (1 - s) min(step, w) / w) with start factor s
/// and w warm-up steps; after the warm-up the inner schedule alone (PyTorch's <c>LinearLR</c> chained with the
/// inner scheduler, as <c>ChainedScheduler</c> does). Step it per iteration for an iteration warm-up (wrap the
/// inner schedule in <see cref="EpochsAsIterations"/> if it counts epochs) or per epoch for an epoch warm-up.
/// </summary>
public sealed class LinearWarmupLR : LearningRateSchedule
{
    /// <summary>Creates the warm-up.</summary>
    /// <param name="warmupSteps">Steps of the warm-up; positive.</param>
    /// <param name="inner">The schedule to warm up; null for a constant rate.</param>
    /// <param name="startFactor">Fraction of the rate at step 0, in (0, 1]; default 0.1 (the first step is not zero, as in PyTorch).</param>
    public LinearWarmupLR(int warmupSteps, LearningRateSchedule? inner = null, double startFactor = 0.1)
    {
        if (warmupSteps <= 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "LinearWarmupLR: warmupSteps must be positive.");
        if (!(startFactor > 0 && startFactor <= 1)) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "LinearWarmupLR: startFactor must be in (0, 1].");
        WarmupSteps = warmupSteps;
        Inner = inner;
        StartFactor = startFactor;
    }

    /// <summary>Steps of the warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>The wrapped schedule, or null for a constant rate.</summary>
    public LearningRateSchedule? Inner { get; }

    /// <summary>Fraction of the rate at step 0.</summary>
    public double StartFactor { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        double inner = Inner?.LearningRate(baseLearningRate, step) ?? baseLearningRate;
        double factor = StartFactor + (1 - StartFactor) * Math.Min(step, WarmupSteps) / WarmupSteps;
        return inner * factor;
    }
}
