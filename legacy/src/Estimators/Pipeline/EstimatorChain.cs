using MLVideo.Data;

namespace MLVideo;

/// <summary>
/// Estimators applied in order: each is fitted on the output of the transformers fitted before it.
/// <see cref="Fit"/> first propagates the schema through every step, so a column error anywhere in
/// the chain is reported before any data is read.
/// </summary>
/// <typeparam name="TLastTransformer">The transformer type of the last estimator.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;
    private readonly TransformerScope[] _scopes;

    /// <summary>An empty chain (append estimators to it).</summary>
    public EstimatorChain() : this([], [], null)
    {
    }

    private EstimatorChain(IEstimator<ITransformer>[] estimators, TransformerScope[] scopes, IEstimator<TLastTransformer>? last)
    {
        _estimators = estimators;
        _scopes = scopes;
        LastEstimator = last;
    }

    /// <summary>The last estimator, or null for an empty chain.</summary>
    public IEstimator<TLastTransformer>? LastEstimator { get; }

    /// <summary>The estimators, in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>A new chain with <paramref name="estimator"/> appended.</summary>
    public EstimatorChain<TNewTransformer> Append<TNewTransformer>(IEstimator<TNewTransformer> estimator, TransformerScope scope = TransformerScope.Everything)
        where TNewTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTransformer>([.. _estimators, estimator], [.. _scopes, scope], estimator);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var shape = inputSchema;
        foreach (var estimator in _estimators) shape = estimator.GetOutputSchema(shape);
        return shape;
    }

    /// <inheritdoc />
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Validate the whole chain on the schema alone: a typo in the last step must not cost a
        // training run of the first.
        GetOutputSchema(SchemaShape.Create(input.Schema));

        var transformers = new ITransformer[_estimators.Length];
        var current = input;
        for (int i = 0; i < _estimators.Length; i++)
        {
            transformers[i] = _estimators[i].Fit(current);
            if (i < _estimators.Length - 1) current = transformers[i].Transform(current);
        }
        return new TransformerChain<TLastTransformer>(transformers, _scopes);
    }
}
