using MLVideo.Model;

[assembly: ModelStepProvider(typeof(MLVideo.Trainers.Training.TrainersModelSteps))]

namespace MLVideo.Trainers.Training;

/// <summary>Registers the model-file step kinds of MLVideo.Trainers.</summary>
public sealed class TrainersModelSteps : IModelStepProvider
{
    /// <inheritdoc />
    public void RegisterSteps() => ModelStepRegistry.Register(VideoClassificationTransformer.Kind, 1, VideoClassificationTransformer.Load);
}
