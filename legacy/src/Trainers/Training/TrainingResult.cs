namespace MLVideo.Trainers.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="History">End-of-epoch summaries of every completed epoch (including those before a resume).</param>
/// <param name="BestEpoch">Epoch whose weights the model holds (best validation accuracy, else the last completed).</param>
/// <param name="BestValidationAccuracy">Validation accuracy of <paramref name="BestEpoch"/>, when validated.</param>
/// <param name="Cancelled">True when the run stopped early on cancellation.</param>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> History, int BestEpoch, double? BestValidationAccuracy, bool Cancelled)
{
    /// <summary>
    /// Multiply-accumulates (in billions, the papers' "GFLOPs") of one view of the training clips, counted by running
    /// the trained model once; a multi-view test protocol costs this times its number of views.
    /// </summary>
    public double GflopsPerView { get; init; }

    /// <summary>Parameters of the trained model.</summary>
    public long Parameters { get; init; }
}
