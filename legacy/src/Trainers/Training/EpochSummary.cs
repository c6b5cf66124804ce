namespace MLVideo.Trainers.Training;

/// <summary>What one completed epoch achieved (kept in checkpoints, so a resumed run continues the same curve).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean training loss.</param>
/// <param name="TrainAccuracy">Training accuracy (0..1).</param>
/// <param name="ValidationAccuracy">Validation accuracy, when a validation set was given.</param>
/// <param name="LearningRate">Learning rate of the first group at the end of the epoch.</param>
public sealed record EpochSummary(int Epoch, double Loss, double TrainAccuracy, double? ValidationAccuracy, double LearningRate);
