namespace MLVideo.Tensors;

/// <summary>
/// Disposes, at its end, every tensor created on this thread while it was the innermost scope
/// (except those moved out with <see cref="Tensor.MoveToOuterScope"/>). Training loops open one per
/// step so activations and gradients go back to the pool without hand-written disposal.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _current;

    private readonly TensorScope? _parent;
    private readonly List<Tensor> _tensors = new();
    private bool _disposed;

    private TensorScope()
    {
        _parent = _current;
        _current = this;
    }

    /// <summary>The innermost scope of this thread, or null.</summary>
    public static TensorScope? Current => _current;

    /// <summary>Opens a new innermost scope.</summary>
    public static TensorScope Begin() => new();

    /// <summary>Opens a scope in which created tensors are not tracked by any scope (e.g. optimiser state).</summary>
    public static SuspendedScope Suspend()
    {
        var saved = _current;
        _current = null;
        return new SuspendedScope(saved);
    }

    internal static void Restore(TensorScope? scope) => _current = scope;

    internal void Track(Tensor tensor)
    {
        tensor.Scope = this;
        _tensors.Add(tensor);
    }

    internal void Untrack(Tensor tensor)
    {
        // Lazy removal: the tensor's Scope no longer points here, so Dispose skips it.
        tensor.Scope = null;
        if (_parent is not null && !_parent._disposed) _parent.Track(tensor);
    }

    internal static void UntrackFully(Tensor tensor) => tensor.Scope = null;

    /// <summary>Disposes the tracked tensors and makes the parent scope current again.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _tensors)
            if (ReferenceEquals(t.Scope, this)) t.Dispose();
        _tensors.Clear();
        if (ReferenceEquals(_current, this)) _current = _parent;
    }
}

/// <summary>Returned by <see cref="TensorScope.Suspend"/>; restores tracking on dispose.</summary>
public readonly struct SuspendedScope : IDisposable
{
    private readonly TensorScope? _saved;

    internal SuspendedScope(TensorScope? saved) => _saved = saved;

    /// <summary>Makes the suspended scope current again.</summary>
    public void Dispose() => TensorScope.Restore(_saved);
}
