namespace MLVideo.Model;

/// <summary>
/// Names the <see cref="IModelStepProvider"/> of an assembly:
/// <c>[assembly: ModelStepProvider(typeof(MyModelSteps))]</c>. The type needs a public parameterless constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ModelStepProviderAttribute : Attribute
{
    /// <summary>Names the provider type.</summary>
    public ModelStepProviderAttribute(Type providerType)
    {
        ArgumentNullException.ThrowIfNull(providerType);
        if (!typeof(IModelStepProvider).IsAssignableFrom(providerType))
            throw new ArgumentException($"{providerType.Name} does not implement IModelStepProvider.", nameof(providerType));
        ProviderType = providerType;
    }

    /// <summary>The provider type.</summary>
    public Type ProviderType { get; }
}
