using System.Collections.Concurrent;

namespace MLVideo.Prediction;

/// <summary>One model of a pool and its idle engines. Once retired, returned engines are disposed.</summary>
internal sealed class PooledModel<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ConcurrentBag<PredictionEngine<TSrc, TDst>> _idle = [];
    private readonly MLVideoContext _context;
    private volatile bool _retired;

    public PooledModel(ITransformer model, MLVideoContext context)
    {
        Model = model;
        _context = context;
    }

    public ITransformer Model { get; }

    public PredictionEngine<TSrc, TDst> Create() => _context.Model.CreatePredictionEngine<TSrc, TDst>(Model);

    public PredictionEngine<TSrc, TDst> Rent() => _idle.TryTake(out var engine) ? engine : Create();

    public void Return(PredictionEngine<TSrc, TDst> engine)
    {
        if (_retired) engine.Dispose();
        else _idle.Add(engine);
    }

    /// <summary>Stops pooling: idle engines are disposed now, rented ones when returned.</summary>
    public void Retire()
    {
        _retired = true;
        while (_idle.TryTake(out var engine)) engine.Dispose();
    }

    public void Dispose() => Retire();
}
