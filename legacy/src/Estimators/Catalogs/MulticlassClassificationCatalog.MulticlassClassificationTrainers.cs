namespace MLVideo;

public sealed partial class MulticlassClassificationCatalog
{
    /// <summary>Where trainer extension methods live (<c>ml.MulticlassClassification.Trainers.Tsm(...)</c>).</summary>
    public sealed class MulticlassClassificationTrainers
    {
        internal MulticlassClassificationTrainers(MLVideoContext context) => Context = context;

        /// <summary>The context, for trainer extension methods in other assemblies.</summary>
        internal MLVideoContext Context { get; }
    }
}
