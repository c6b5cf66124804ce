using MLVideo.Transforms;

[assembly: MLVideo.Model.ModelStepProvider(typeof(MLVideo.Model.EstimatorsModelSteps))]

namespace MLVideo.Model;

/// <summary>Registers the step kinds of this library (the example other libraries follow).</summary>
public sealed class EstimatorsModelSteps : IModelStepProvider
{
    /// <inheritdoc />
    public void RegisterSteps()
    {
        ModelStepRegistry.Register(ValueToKeyMappingTransformer.Kind, 1, ValueToKeyMappingTransformer.Load);
        ModelStepRegistry.Register(KeyToValueMappingTransformer.Kind, 1, KeyToValueMappingTransformer.Load);
    }
}
