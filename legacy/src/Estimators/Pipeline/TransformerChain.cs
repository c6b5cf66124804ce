using System.Collections;
using MLVideo.Data;

namespace MLVideo;

/// <summary>Fitted transformers applied in order; the result of fitting an <see cref="EstimatorChain{TLastTransformer}"/>.</summary>
/// <typeparam name="TLastTransformer">Type of the last transformer.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, ITransformerChainAccessor
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;
    private readonly TransformerScope[] _scopes;

    /// <summary>A chain of <paramref name="transformers"/>, all with scope <see cref="TransformerScope.Everything"/>.</summary>
    public TransformerChain(params ITransformer[] transformers)
        : this(transformers, transformers.Select(_ => TransformerScope.Everything))
    {
    }

    /// <summary>A chain of <paramref name="transformers"/> with one scope each.</summary>
    public TransformerChain(IEnumerable<ITransformer> transformers, IEnumerable<TransformerScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        ArgumentNullException.ThrowIfNull(scopes);
        _transformers = transformers.ToArray();
        _scopes = scopes.ToArray();
        if (_transformers.Length != _scopes.Length)
            throw new ArgumentException($"{_transformers.Length} transformers but {_scopes.Length} scopes.", nameof(scopes));
        if (_transformers.Length > 0)
        {
            LastTransformer = _transformers[^1] as TLastTransformer
                ?? throw new ArgumentException($"The last transformer is a {_transformers[^1].GetType().Name}, not a {typeof(TLastTransformer).Name}.", nameof(transformers));
        }
    }

    /// <summary>The last transformer (null for an empty chain), typed so its model parameters can be read.</summary>
    public TLastTransformer LastTransformer { get; } = null!;

    /// <summary>The scope of each transformer.</summary>
    public IReadOnlyList<TransformerScope> Scopes => _scopes;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var schema = inputSchema;
        foreach (var t in _transformers) schema = t.GetOutputSchema(schema);
        return schema;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema); // every step's column check, before any row is read
        var current = input;
        foreach (var t in _transformers) current = t.Transform(current);
        return current;
    }

    /// <summary>A new chain with <paramref name="transformer"/> appended.</summary>
    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer, TransformerScope scope = TransformerScope.Everything)
        where TNewLast : class, ITransformer =>
        new([.. _transformers, transformer], [.. _scopes, scope]);

    /// <summary>The transformers whose scope intersects <paramref name="scope"/>.</summary>
    public TransformerChain<ITransformer> GetModelFor(TransformerScope scope)
    {
        var kept = Enumerable.Range(0, _transformers.Length).Where(i => (_scopes[i] & scope) != 0).ToArray();
        return new TransformerChain<ITransformer>(kept.Select(i => _transformers[i]), kept.Select(i => _scopes[i]));
    }

    IReadOnlyList<ITransformer> ITransformerChainAccessor.Transformers => _transformers;

    IReadOnlyList<TransformerScope> ITransformerChainAccessor.Scopes => _scopes;

    /// <inheritdoc />
    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
