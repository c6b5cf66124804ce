using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace MLVideo;

/// <summary>
/// A thread-safe pool of ML.NET prediction engines over one model, for servers (the shape of
/// Microsoft.Extensions.ML's PredictionEnginePool, which is not available here). ML.NET's
/// <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe; each caller rents its own engine, and the network's
/// weights are shared (read-only at inference).
/// </summary>
/// <typeparam name="TInput">Input row class (e.g. one with a VideoPath property).</typeparam>
/// <typeparam name="TPrediction">Output row class (e.g. one with Score and PredictedLabel).</typeparam>
public sealed class PredictionEnginePool<TInput, TPrediction> : IDisposable
    where TInput : class
    where TPrediction : class, new()
{
    private readonly DefaultObjectPool<PredictionEngine<TInput, TPrediction>> _pool;
    private readonly List<PredictionEngine<TInput, TPrediction>> _created = [];
    private readonly object _lock = new();

    /// <summary>Creates the pool.</summary>
    /// <param name="ml">The context the model was loaded with.</param>
    /// <param name="model">The model (e.g. from <c>ml.Model.Load</c>).</param>
    /// <param name="maximumConcurrency">Engines kept for reuse; also the expected number of concurrent callers. Default: the number of cores.</param>
    /// <param name="threadsPerPrediction">Native tensor threads per prediction. Default: cores divided by <paramref name="maximumConcurrency"/> (at least 1).</param>
    /// <param name="inputSchemaDefinition">How <typeparamref name="TInput"/> maps to columns, e.g. the vector shape of a clip property (ML.NET's parameter).</param>
    public PredictionEnginePool(MLContext ml, ITransformer model, int? maximumConcurrency = null, int? threadsPerPrediction = null,
        SchemaDefinition? inputSchemaDefinition = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        int concurrency = maximumConcurrency ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency, nameof(maximumConcurrency));
        int threads = threadsPerPrediction ?? Math.Max(1, Environment.ProcessorCount / concurrency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(threadsPerPrediction));
        // libtorch's intra-op pool is process-wide: with several callers at once, fewer threads each avoids oversubscription.
        torch.set_num_threads(threads);
        MaximumConcurrency = concurrency;
        _pool = new DefaultObjectPool<PredictionEngine<TInput, TPrediction>>(new EnginePolicy(this, ml, model, inputSchemaDefinition), concurrency);
    }

    /// <summary>Engines kept for reuse.</summary>
    public int MaximumConcurrency { get; }

    /// <summary>Predicts one row; safe to call from any number of threads at once.</summary>
    public TPrediction Predict(TInput example)
    {
        var engine = _pool.Get();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            _pool.Return(engine);
        }
    }

    /// <summary>Disposes every engine the pool created.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var engine in _created) engine.Dispose();
            _created.Clear();
        }
    }

    private sealed class EnginePolicy(PredictionEnginePool<TInput, TPrediction> owner, MLContext ml, ITransformer model, SchemaDefinition? inputSchema)
        : PooledObjectPolicy<PredictionEngine<TInput, TPrediction>>
    {
        public override PredictionEngine<TInput, TPrediction> Create()
        {
            var engine = ml.Model.CreatePredictionEngine<TInput, TPrediction>(model, inputSchemaDefinition: inputSchema);
            lock (owner._lock) owner._created.Add(engine);
            return engine;
        }

        public override bool Return(PredictionEngine<TInput, TPrediction> obj) => true;
    }
}
