using MLVideo.Data;

namespace MLVideo;

/// <summary>
/// Something that learns a transformer from data. <see cref="GetOutputSchema"/> checks the input
/// columns and describes the output without reading data.
/// </summary>
/// <typeparam name="TTransformer">The transformer produced by <see cref="Fit"/>.</typeparam>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <summary>Trains on <paramref name="input"/> and returns the fitted transformer.</summary>
    TTransformer Fit(IDataView input);

    /// <summary>The output shape for an input shape; throws <see cref="SchemaMismatchException"/> for unusable inputs.</summary>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
