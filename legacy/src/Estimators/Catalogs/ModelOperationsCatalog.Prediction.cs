using MLVideo.Data;

namespace MLVideo;

public sealed partial class ModelOperationsCatalog
{
    /// <summary>
    /// A single-threaded engine predicting <typeparamref name="TSrc"/> examples with <paramref name="transformer"/>.
    /// Output members without a matching column are left alone when <paramref name="ignoreMissingColumns"/> (default true).
    /// </summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new() =>
        new(transformer, ignoreMissingColumns, inputSchema: null);

    /// <summary>
    /// As <see cref="CreatePredictionEngine{TSrc, TDst}(ITransformer, bool)"/>, also checking that the
    /// columns of <typeparamref name="TSrc"/> have the types of <paramref name="inputSchema"/> (e.g. the schema saved with the model).
    /// </summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, DataViewSchema inputSchema)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new(transformer, ignoreMissingColumns: true, inputSchema);
    }
}
