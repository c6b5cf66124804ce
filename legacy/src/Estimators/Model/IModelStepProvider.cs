namespace MLVideo.Model;

/// <summary>Registers a library's step kinds (named by <see cref="ModelStepProviderAttribute"/> on its assembly).</summary>
public interface IModelStepProvider
{
    /// <summary>Calls <see cref="ModelStepRegistry.Register"/> for each step kind of the library.</summary>
    void RegisterSteps();
}
