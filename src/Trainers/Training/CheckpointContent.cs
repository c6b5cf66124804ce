namespace MLVideo.Trainers.Training;

/// <summary>The loop state a checkpoint records beside the tensors.</summary>
internal sealed record CheckpointContent(
    int CompletedEpochs,
    long GlobalStep,
    int Seed,
    int BestEpoch,
    double? BestValidationAccuracy,
    IReadOnlyList<EpochSummary> History,
    string Schedule,
    ModelFingerprint Fingerprint);
