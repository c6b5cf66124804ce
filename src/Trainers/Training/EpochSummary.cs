using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>What one completed epoch achieved (kept in checkpoints, so a resumed run continues the same curve).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean training loss over the epoch's clips.</param>
/// <param name="TrainAccuracy">Training accuracy (0..1), measured during the epoch's steps.</param>
/// <param name="ValidationAccuracy">Whole validation set accuracy after the epoch, when a validation set was given.</param>
/// <param name="LearningRate">Base learning rate times the schedule factor at the epoch's last step.</param>
public sealed record EpochSummary(int Epoch, double Loss, double TrainAccuracy, double? ValidationAccuracy, double LearningRate);
