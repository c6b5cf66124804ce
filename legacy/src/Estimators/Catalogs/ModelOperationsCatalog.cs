namespace MLVideo;

/// <summary>Saving and loading models, and prediction engines.</summary>
public sealed partial class ModelOperationsCatalog
{
    internal ModelOperationsCatalog(MLVideoContext context) => Context = context;

    internal MLVideoContext Context { get; }
}
