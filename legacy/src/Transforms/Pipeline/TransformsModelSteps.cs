using MLVideo.Model;

[assembly: ModelStepProvider(typeof(MLVideo.Transforms.TransformsModelSteps))]

namespace MLVideo.Transforms;

/// <summary>Registers the video steps so model files can store and rebuild them (options only; they hold no tensors).</summary>
public sealed class TransformsModelSteps : IModelStepProvider
{
    /// <inheritdoc />
    public void RegisterSteps()
    {
        ModelStepRegistry.Register(LoadVideoTransformer.Kind, 1, LoadVideoTransformer.Load);
        ModelStepRegistry.Register(SampleFramesTransformer.Kind, 1, SampleFramesTransformer.Load);
        ModelStepRegistry.Register(ResizeFramesTransformer.Kind, 1, ResizeFramesTransformer.Load);
        ModelStepRegistry.Register(CropFramesTransformer.StepKindName, 1, CropFramesTransformer.Load);
        ModelStepRegistry.Register(FlipFramesTransformer.Kind, 1, FlipFramesTransformer.Load);
        ModelStepRegistry.Register(ExtractFramePixelsTransformer.Kind, 1, ExtractFramePixelsTransformer.Load);
    }
}
