using MLVideo.Data;
using MLVideo.Transforms;

namespace MLVideo;

/// <summary>Key conversions on <c>ml.Transforms.Conversion</c> (ML.NET's names and defaults).</summary>
public static class ConversionsExtensionsCatalog
{
    /// <summary>
    /// Maps the values of <paramref name="inputColumnName"/> (scalar String, Single, Double, Int32, Int64,
    /// UInt32, Boolean or key) to keys (Key&lt;UInt32&gt;) learnt from the data or from <paramref name="keyData"/>.
    /// Missing values (NaN, empty text) and values not seen when fitting map to key 0.
    /// </summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The key column to create.</param>
    /// <param name="inputColumnName">The column to map; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumNumberOfKeys">Most keys learnt. Default 1,000,000.</param>
    /// <param name="keyOrdinality">Key order: by first occurrence (default) or by value.</param>
    /// <param name="addKeyValueAnnotationsAsText">Whether <c>KeyValues</c> are text for non-text inputs. Default false.</param>
    /// <param name="keyData">A view whose column (same name, or its only column) lists the values to use instead of learning them.</param>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName, string? inputColumnName = null,
        int maximumNumberOfKeys = ValueToKeyMappingEstimator.Defaults.MaximumNumberOfKeys,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.Defaults.Ordinality,
        bool addKeyValueAnnotationsAsText = ValueToKeyMappingEstimator.Defaults.AddKeyValueAnnotationsAsText, IDataView? keyData = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ValueToKeyMappingEstimator(catalog.Context, outputColumnName, inputColumnName, maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText, keyData);
    }

    /// <summary>Maps a key column (with <c>KeyValues</c>) back to its values.</summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The column to create, of the key values' type.</param>
    /// <param name="inputColumnName">The key column; defaults to <paramref name="outputColumnName"/>.</param>
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToValueMappingEstimator(outputColumnName, inputColumnName);
    }
}
