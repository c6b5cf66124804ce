namespace MLVideo;

/// <summary>Automated model search. Nothing is offered yet; it exists so <c>ml.Auto()</c> is where ML.NET users look.</summary>
public sealed class AutoCatalog
{
    internal AutoCatalog(MLVideoContext context) => Context = context;

    internal MLVideoContext Context { get; }
}
