namespace MLVideo;

/// <summary>
/// The entry point (ML.NET's <c>MLContext</c>): catalogs of operations, a seeded source of randomness
/// and the log. Components created from one context with a seed behave the same on every run.
/// </summary>
public sealed class MLVideoContext
{
    private readonly Random _random;
    private readonly object _randomLock = new();

    /// <summary>Creates a context; <paramref name="seed"/> makes every random choice repeatable (null: a random seed).</summary>
    public MLVideoContext(int? seed = null)
    {
        Seed = seed;
        _random = seed is int s ? new Random(s) : new Random();
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>Loading, splitting, shuffling and filtering data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Transform estimators (<c>ml.Transforms.Conversion</c>, video transforms by extension).</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Multiclass trainers, evaluation and cross-validation.</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Saving, loading and serving models.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>Messages from every component created from this context.</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>The seed given at construction.</summary>
    internal int? Seed { get; }

    /// <summary>Automated model search (empty for now, as a placeholder for ML.NET's <c>Auto()</c>).</summary>
    public AutoCatalog Auto() => new(this);

    /// <summary>Draws a seed for a component from the context's random sequence.</summary>
    internal int NextSeed()
    {
        lock (_randomLock) return _random.Next();
    }

    /// <summary>A generator seeded with <paramref name="seed"/> when given, else from the context's sequence.</summary>
    internal Random CreateRandom(int? seed = null) => new(seed ?? NextSeed());

    /// <summary>Raises <see cref="Log"/>.</summary>
    internal void WriteLog(ChannelMessageKind kind, string source, string message) =>
        Log?.Invoke(this, new LoggingEventArgs(message, kind, source));
}
