using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>The run the killed-process test starts in another process and resumes here: same model, data and options.</summary>
public static class KilledRunSetup
{
    public const int MaxEpoch = 5;

    public static TrainingOptions Options(string checkpointFolder) => new()
    {
        MaxEpoch = MaxEpoch,
        BatchSize = 4,
        LearningRate = 0.02,
        LearningRateSchedule = LearningRateScheduleKind.Cosine,
        Seed = 7,
        NumberOfThreads = 1,
        ReportEveryNSteps = 1,
        CheckpointFolder = checkpointFolder,
    };

    internal static TinyMotionNet Model() => TinyMotionNet.Create(seed: 3);

    internal static InMemoryClipBatchSource Data() => MovingBlockClips.Create(48, seed: 11);
}
