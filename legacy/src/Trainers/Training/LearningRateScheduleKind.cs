namespace MLVideo.Trainers.Training;

/// <summary>The learning-rate schedule after the linear warm-up.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Cosine annealing to zero over the remaining epochs (per iteration).</summary>
    Cosine,

    /// <summary>Multiply by 0.1 at each epoch of <see cref="VideoTrainerOptions.LearningRateSteps"/> (the TSM/GSF recipes: 20 and 40 of 50).</summary>
    MultiStep,

    /// <summary>Constant learning rate.</summary>
    Constant,
}
