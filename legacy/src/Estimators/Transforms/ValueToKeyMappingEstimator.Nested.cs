namespace MLVideo.Transforms;

public sealed partial class ValueToKeyMappingEstimator
{
    /// <summary>How keys are ordered (ML.NET's values).</summary>
    public enum KeyOrdinality : byte
    {
        /// <summary>In order of first appearance.</summary>
        ByOccurrence = 0,

        /// <summary>By sorted value (ordinal for text).</summary>
        ByValue = 1,
    }

    /// <summary>Default settings (ML.NET's).</summary>
    public static class Defaults
    {
        /// <summary>Most keys: 1,000,000.</summary>
        public const int MaximumNumberOfKeys = 1_000_000;

        /// <summary>Keys by first occurrence.</summary>
        public const KeyOrdinality Ordinality = KeyOrdinality.ByOccurrence;

        /// <summary>Key values keep the input type.</summary>
        public const bool AddKeyValueAnnotationsAsText = false;
    }
}
