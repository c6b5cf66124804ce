namespace MLVideo;

/// <summary>Multiclass classification: trainers (added by MLVideo.Trainers), evaluation and cross-validation.</summary>
public sealed partial class MulticlassClassificationCatalog
{
    internal MulticlassClassificationCatalog(MLVideoContext context)
    {
        Context = context;
        Trainers = new MulticlassClassificationTrainers(context);
    }

    /// <summary>Trainer estimators, added as extension methods.</summary>
    public MulticlassClassificationTrainers Trainers { get; }

    internal MLVideoContext Context { get; }
}
