using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>The outcome of a training run.</summary>
/// <param name="History">End-of-epoch summaries of every completed epoch (including those before a resume).</param>
/// <param name="BestEpoch">Epoch whose weights the model holds (best validation accuracy, else the last completed; 0 if none completed).</param>
/// <param name="BestValidationAccuracy">Validation accuracy of <paramref name="BestEpoch"/>, when validated.</param>
/// <param name="Cancelled">True when the run stopped early on cancellation.</param>
/// <param name="GlobalStep">Optimiser steps taken over the whole run (resumed runs included).</param>
/// <param name="Parameters">Trainable parameters of the model.</param>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> History, int BestEpoch, double? BestValidationAccuracy, bool Cancelled, long GlobalStep, long Parameters);
