namespace MLVideo.Model;

/// <summary>
/// A transformer that can be written to a model file. Its step is a folder holding its kind, its
/// version, its options as JSON and its tensors as safetensors (see docs/model-format.md). To be
/// loadable the kind must also be registered with <see cref="ModelStepRegistry.Register"/>.
/// </summary>
public interface IModelStep
{
    /// <summary>A stable name of the step kind, e.g. <c>ValueToKeyMapping</c>; never a .NET type name.</summary>
    string StepKind { get; }

    /// <summary>The version of the step's saved form; raise it when the options or tensors change meaning.</summary>
    int StepVersion { get; }

    /// <summary>Writes the options and tensors needed to rebuild the transformer.</summary>
    void SaveStep(ModelStepWriter writer);
}
