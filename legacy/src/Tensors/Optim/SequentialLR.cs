namespace MLVideo.Tensors.Optim;

/// <summary>
/// One schedule until <see cref="Milestone"/>, then another restarted from its step 0 (PyTorch's <c>SequentialLR</c>
/// with one milestone), e.g. a warm-up followed by a cosine over the remaining steps.
/// </summary>
public sealed class SequentialLR : LearningRateSchedule
{
    /// <summary>Creates the sequence.</summary>
    /// <param name="first">The schedule for steps [0, milestone).</param>
    /// <param name="milestone">The step at which <paramref name="second"/> starts; positive.</param>
    /// <param name="second">The schedule from the milestone on, counted from 0 there.</param>
    public SequentialLR(LearningRateSchedule first, int milestone, LearningRateSchedule second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (milestone <= 0) throw new ArgumentOutOfRangeException(nameof(milestone), milestone, "SequentialLR: milestone must be positive.");
        First = first;
        Milestone = milestone;
        Second = second;
    }

    /// <summary>The first schedule.</summary>
    public LearningRateSchedule First { get; }

    /// <summary>Where the second schedule starts.</summary>
    public int Milestone { get; }

    /// <summary>The second schedule.</summary>
    public LearningRateSchedule Second { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        return step < Milestone ? First.LearningRate(baseLearningRate, step) : Second.LearningRate(baseLearningRate, step - Milestone);
    }
}
