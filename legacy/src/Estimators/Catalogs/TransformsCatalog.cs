namespace MLVideo;

/// <summary>Transform estimators; libraries add theirs as extension methods (e.g. the video transforms).</summary>
public sealed partial class TransformsCatalog
{
    internal TransformsCatalog(MLVideoContext context)
    {
        Context = context;
        Conversion = new ConversionTransforms(context);
    }

    /// <summary>Type and key conversions (<c>MapValueToKey</c>, <c>MapKeyToValue</c>).</summary>
    public ConversionTransforms Conversion { get; }

    internal MLVideoContext Context { get; }
}
