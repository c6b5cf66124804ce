using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>What the training loop reports after every few steps and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="MaxEpoch">Epochs of the whole run.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps (mini-batches) per epoch.</param>
/// <param name="GlobalStep">Optimiser steps taken since the start of the run (resumed runs included).</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
/// <param name="LearningRate">Base learning rate times the schedule factor at the last step.</param>
/// <param name="TrainAccuracy">Training accuracy of the epoch so far (0..1).</param>
/// <param name="ValidationAccuracy">Whole validation set accuracy, at the end of an epoch when a validation set is given.</param>
/// <param name="ClipsPerSecond">Training throughput since this process started the run (steps only, no validation).</param>
/// <param name="EstimatedTimeRemaining">Time left for the whole run at the current throughput.</param>
/// <param name="IsEpochEnd">True for the report that closes an epoch.</param>
public sealed record TrainingProgress(
    int Epoch,
    int MaxEpoch,
    int Step,
    int StepsPerEpoch,
    long GlobalStep,
    double Loss,
    double LearningRate,
    double TrainAccuracy,
    double? ValidationAccuracy,
    double ClipsPerSecond,
    TimeSpan EstimatedTimeRemaining,
    bool IsEpochEnd)
{
    /// <summary>One line for logs, e.g. <c>epoch 3/20 step 12/12 loss 0.4120 lr 0.01 acc 0.875 val 0.900 31.2 clips/s ETA 00:02:10</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant(
            $"epoch {Epoch}/{MaxEpoch} step {Step}/{StepsPerEpoch} loss {Loss:F4} lr {LearningRate:G4} acc {TrainAccuracy:F3}") +
        (ValidationAccuracy is double v ? FormattableString.Invariant($" val {v:F3}") : "") +
        FormattableString.Invariant($" {ClipsPerSecond:F1} clips/s ETA {EstimatedTimeRemaining:hh\\:mm\\:ss}");
}
