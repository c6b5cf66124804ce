using System.Collections.Concurrent;
using MLVideo.Prediction;

namespace MLVideo;

/// <summary>
/// Thread-safe predictions for a server: named models, each with a pool of
/// <see cref="PredictionEngine{TSrc, TDst}"/> (one engine is used by one thread at a time). Models
/// added from a file can be reloaded automatically when the file changes; requests in flight finish
/// on the old model and later ones use the new one. The shape of Microsoft.Extensions.ML's pool,
/// without dependency injection.
/// </summary>
public sealed class PredictionEnginePool<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    /// <summary>The name used by the overloads without a model name (Microsoft.Extensions.ML's default: empty).</summary>
    public const string DefaultModelName = "";

    private readonly MLVideoContext _context;
    private readonly ConcurrentDictionary<string, PooledModel<TSrc, TDst>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelFileWatcher> _watchers = new(StringComparer.Ordinal);

    /// <summary>Creates an empty pool; add models with <see cref="AddModel"/> or <see cref="AddModelFromFile"/>.</summary>
    public PredictionEnginePool(MLVideoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Raised after a model was reloaded from its file (argument: the model name).</summary>
    public event EventHandler<string>? ModelReloaded;

    /// <summary>The model names.</summary>
    public IReadOnlyCollection<string> ModelNames => _models.Keys.ToArray();

    /// <summary>Adds (or replaces) a model under <paramref name="modelName"/>.</summary>
    public void AddModel(string modelName, ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        var pooled = new PooledModel<TSrc, TDst>(model, _context);
        pooled.Return(pooled.Create()); // builds one engine now: schema errors surface here, not on the first request
        _models[modelName] = pooled;
    }

    /// <summary>
    /// Loads a model file under <paramref name="modelName"/>; with <paramref name="watchForChanges"/> (default
    /// true) the model is reloaded whenever the file is replaced. A file that fails to load leaves the
    /// previous model in place and logs an error.
    /// </summary>
    public void AddModelFromFile(string modelName, string filePath, bool watchForChanges = true)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        string full = Path.GetFullPath(filePath);
        AddModel(modelName, _context.Model.Load(full, out _));
        if (!watchForChanges) return;
        var watcher = new ModelFileWatcher(full, () => Reload(modelName, full));
        if (_watchers.TryRemove(modelName, out var old)) old.Dispose();
        _watchers[modelName] = watcher;
    }

    /// <summary>Predicts with the default model.</summary>
    public TDst Predict(TSrc example) => Predict(DefaultModelName, example);

    /// <summary>Predicts with the model <paramref name="modelName"/>.</summary>
    public TDst Predict(string modelName, TSrc example)
    {
        var model = GetPooled(modelName);
        var engine = model.Rent();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            model.Return(engine);
        }
    }

    /// <summary>The current model named <paramref name="modelName"/> (default: the default model).</summary>
    public ITransformer GetModel(string modelName = DefaultModelName) => GetPooled(modelName).Model;

    /// <summary>Rents an engine of <paramref name="modelName"/>; give it back with <see cref="ReturnPredictionEngine"/>.</summary>
    public PredictionEngine<TSrc, TDst> GetPredictionEngine(string modelName = DefaultModelName) => GetPooled(modelName).Rent();

    /// <summary>Gives back an engine rented with <see cref="GetPredictionEngine"/>.</summary>
    public void ReturnPredictionEngine(string modelName, PredictionEngine<TSrc, TDst> engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (_models.TryGetValue(modelName, out var model)) model.Return(engine);
        else engine.Dispose();
    }

    /// <summary>Stops watching files and releases the engines.</summary>
    public void Dispose()
    {
        foreach (var w in _watchers.Values) w.Dispose();
        _watchers.Clear();
        foreach (var m in _models.Values) m.Dispose();
        _models.Clear();
    }

    private PooledModel<TSrc, TDst> GetPooled(string modelName) =>
        _models.TryGetValue(modelName ?? throw new ArgumentNullException(nameof(modelName)), out var model)
            ? model
            : throw new KeyNotFoundException($"No model named '{modelName}' in the pool. Models: {string.Join(", ", _models.Keys.Select(k => $"'{k}'"))}.");

    private void Reload(string modelName, string path)
    {
        try
        {
            var fresh = new PooledModel<TSrc, TDst>(_context.Model.Load(path, out _), _context);
            fresh.Return(fresh.Create());
            var old = _models.TryGetValue(modelName, out var o) ? o : null;
            _models[modelName] = fresh;
            old?.Retire();
            _context.WriteLog(ChannelMessageKind.Info, "PredictionEnginePool", $"Reloaded model '{modelName}' from '{path}'.");
            ModelReloaded?.Invoke(this, modelName);
        }
        catch (Exception e) when (e is IOException or Model.ModelFormatException or UnauthorizedAccessException or SchemaMismatchException)
        {
            _context.WriteLog(ChannelMessageKind.Error, "PredictionEnginePool", $"Reloading model '{modelName}' from '{path}' failed; the previous model stays in use: {e.Message}");
        }
    }
}
