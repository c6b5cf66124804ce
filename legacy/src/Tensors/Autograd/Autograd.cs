namespace MLVideo.Tensors;

/// <summary>Global (per-thread) autograd switches: whether ops are recorded.</summary>
public static class Autograd
{
    [ThreadStatic] private static int _noGradDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope on this thread.</summary>
    public static bool IsEnabled => _noGradDepth == 0;

    /// <summary>
    /// Starts a scope in which no op is recorded and no graph node is allocated (PyTorch's
    /// <c>torch.no_grad()</c>). Dispose it to end the scope.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        _noGradDepth++;
        return new NoGradScope();
    }

    internal static void ExitNoGrad() => _noGradDepth--;

    /// <summary>True if an op over <paramref name="a"/> must be recorded.</summary>
    public static bool IsRecording(Tensor a) => _noGradDepth == 0 && a.RequiresGrad;

    /// <summary>True if an op over <paramref name="a"/> and <paramref name="b"/> must be recorded.</summary>
    public static bool IsRecording(Tensor a, Tensor? b) => _noGradDepth == 0 && (a.RequiresGrad || (b?.RequiresGrad ?? false));

    /// <summary>True if an op over these tensors must be recorded.</summary>
    public static bool IsRecording(Tensor a, Tensor? b, Tensor? c) =>
        _noGradDepth == 0 && (a.RequiresGrad || (b?.RequiresGrad ?? false) || (c?.RequiresGrad ?? false));

    /// <summary>True if an op over these tensors must be recorded.</summary>
    public static bool IsRecording(ReadOnlySpan<Tensor?> inputs)
    {
        if (_noGradDepth != 0) return false;
        foreach (var t in inputs) if (t is { RequiresGrad: true }) return true;
        return false;
    }
}

/// <summary>The scope returned by <see cref="Autograd.NoGrad"/>; recording resumes on dispose.</summary>
public readonly struct NoGradScope : IDisposable
{
    /// <summary>Ends the no-grad scope.</summary>
    public void Dispose() => Autograd.ExitNoGrad();
}
