namespace MLVideo.Tensors;

/// <summary>
/// Counts multiply-accumulates (MACs, the "FLOPs" of the action-recognition papers) of every op
/// run on this thread while the counter is active. Ops call <see cref="Add"/>; users call
/// <see cref="Start"/> around a forward pass.
/// </summary>
public sealed class MacCounter : IDisposable
{
    [ThreadStatic] private static MacCounter? _active;
    private readonly MacCounter? _outer;
    private readonly Dictionary<string, long> _byOp = new();

    private MacCounter()
    {
        _outer = _active;
        _active = this;
    }

    /// <summary>Starts counting on this thread (nested counters each see the ops run inside them).</summary>
    public static MacCounter Start() => new();

    /// <summary>Total multiply-accumulates counted.</summary>
    public long TotalMacs { get; private set; }

    /// <summary>Total in GMACs (what papers call GFLOPs).</summary>
    public double GigaMacs => TotalMacs / 1e9;

    /// <summary>MACs per op kind (e.g. "conv2d", "linear").</summary>
    public IReadOnlyDictionary<string, long> ByOp => _byOp;

    /// <summary>MACs per sample when the counted forward processed <paramref name="batchSize"/> samples.</summary>
    public double MacsPerSample(int batchSize) => (double)TotalMacs / batchSize;

    /// <summary>Called by ops: adds <paramref name="macs"/> to every active counter of this thread.</summary>
    public static void Add(string op, long macs)
    {
        for (var c = _active; c is not null; c = c._outer)
        {
            c.TotalMacs += macs;
            c._byOp[op] = c._byOp.GetValueOrDefault(op) + macs;
        }
    }

    /// <summary>True when a counter is active (ops may skip computing their count otherwise).</summary>
    public static bool IsActive => _active is not null;

    /// <summary>Stops counting.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(_active, this)) _active = _outer;
    }
}
