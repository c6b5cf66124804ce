using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>The options of the killable run, shared with the test that resumes it.</summary>
public static class TrainingProcessOptions
{
    public static TsmTrainer.Options Create(string checkpointFolder, int maxEpoch) => new()
    {
        Backbone = Backbone.ResNet18,
        WidthMultiplier = 0.125,
        NumSegments = MovingBlockData.Frames,
        BatchSize = 2,
        MaxEpoch = maxEpoch,
        LearningRate = 0.02,
        Dropout = 0,
        Seed = 7,
        CheckpointFolder = checkpointFolder,
    };
}
