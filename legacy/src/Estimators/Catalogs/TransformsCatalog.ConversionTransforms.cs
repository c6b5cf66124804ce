namespace MLVideo;

public sealed partial class TransformsCatalog
{
    /// <summary>Type and key conversions.</summary>
    public sealed partial class ConversionTransforms
    {
        internal ConversionTransforms(MLVideoContext context) => Context = context;

        internal MLVideoContext Context { get; }
    }
}
