namespace MLVideo.Trainers.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="History">End-of-epoch summaries of every completed epoch (including those before a resume).</param>
/// <param name="BestEpoch">Epoch whose weights the model holds (best validation accuracy, else the last completed).</param>
/// <param name="BestValidationAccuracy">Validation accuracy of <paramref name="BestEpoch"/>, when validated.</param>
/// <param name="Cancelled">True when the run stopped early on cancellation.</param>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> History, int BestEpoch, double? BestValidationAccuracy, bool Cancelled);
