using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>The learning-rate schedule after the linear warm-up.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Cosine annealing to zero over the steps after the warm-up, moved every iteration.</summary>
    Cosine,

    /// <summary>
    /// Multiply by <see cref="TrainingOptions.LearningRateDecay"/> at each epoch of
    /// <see cref="TrainingOptions.LearningRateMilestones"/> (the TSM recipes: 20 and 40 of 50).
    /// </summary>
    MultiStep,

    /// <summary>Constant learning rate.</summary>
    Constant,
}
