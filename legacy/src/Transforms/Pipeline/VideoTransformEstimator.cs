using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// The estimator of a video transform. Video transforms learn nothing, so <see cref="Fit"/> checks the schema and returns the
/// configured transformer (ML.NET's "trivial estimator").
/// </summary>
/// <typeparam name="TTransformer">The transformer produced.</typeparam>
public sealed class VideoTransformEstimator<TTransformer> : IEstimator<TTransformer> where TTransformer : VideoTransformerBase
{
    internal VideoTransformEstimator(TTransformer transformer) => Transformer = transformer;

    /// <summary>The transformer that <see cref="Fit"/> returns.</summary>
    public TTransformer Transformer { get; }

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Transformer.GetOutputSchema(input.Schema); // schema errors before any data is read
        return Transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Transformer.GetOutputSchema(inputSchema);
    }
}
