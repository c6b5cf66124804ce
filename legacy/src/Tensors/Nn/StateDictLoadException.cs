namespace MLVideo.Tensors.Nn;

/// <summary>Thrown by strict <see cref="Module.LoadStateDict"/>: lists every missing, unexpected and mis-shaped key by name.</summary>
public sealed class StateDictLoadException : Exception
{
    /// <summary>Creates the exception for a module type and its loading report.</summary>
    public StateDictLoadException(string moduleName, LoadStateDictResult result)
        : base($"Error loading the state dict into {moduleName}:{Environment.NewLine}{result}")
    {
        Result = result;
    }

    /// <summary>The full report (the module was not modified).</summary>
    public LoadStateDictResult Result { get; }
}
