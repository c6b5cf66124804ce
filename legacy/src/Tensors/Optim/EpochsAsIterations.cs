namespace MLVideo.Tensors.Optim;

/// <summary>
/// Runs an epoch-based schedule from a scheduler stepped every iteration: step i is epoch floor(i / iterationsPerEpoch)
/// (or the fractional epoch when <see cref="Smooth"/>, for a cosine that moves every iteration).
/// </summary>
public sealed class EpochsAsIterations : LearningRateSchedule
{
    /// <summary>Creates the adapter.</summary>
    /// <param name="inner">A schedule whose steps are epochs.</param>
    /// <param name="iterationsPerEpoch">Iterations (optimiser steps) per epoch; positive.</param>
    /// <param name="smooth">Only for schedules that accept it (<see cref="CosineAnnealingLR"/>): interpolate between epochs. Default false.</param>
    public EpochsAsIterations(LearningRateSchedule inner, int iterationsPerEpoch, bool smooth = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (iterationsPerEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(iterationsPerEpoch), iterationsPerEpoch, "EpochsAsIterations: iterationsPerEpoch must be positive.");
        if (smooth && inner is not CosineAnnealingLR)
            throw new ArgumentException($"EpochsAsIterations: smooth stepping is only defined for CosineAnnealingLR, not {inner.GetType().Name}.", nameof(smooth));
        Inner = inner;
        IterationsPerEpoch = iterationsPerEpoch;
        Smooth = smooth;
    }

    /// <summary>The epoch-based schedule.</summary>
    public LearningRateSchedule Inner { get; }

    /// <summary>Iterations per epoch.</summary>
    public int IterationsPerEpoch { get; }

    /// <summary>Whether a cosine moves every iteration rather than every epoch.</summary>
    public bool Smooth { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        if (Smooth && Inner is CosineAnnealingLR cosine)
        {
            // The same cosine measured in iterations: tMax epochs = tMax * iterationsPerEpoch iterations.
            double t = Math.Min((double)step / IterationsPerEpoch, cosine.TMax);
            return cosine.EtaMin + (baseLearningRate - cosine.EtaMin) * (1 + Math.Cos(Math.PI * t / cosine.TMax)) / 2;
        }
        return Inner.LearningRate(baseLearningRate, step / IterationsPerEpoch);
    }
}
