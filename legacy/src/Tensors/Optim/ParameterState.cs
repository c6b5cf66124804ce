namespace MLVideo.Tensors.Optim;

/// <summary>An optimiser's per-parameter state: the step count and named buffers (momentum, moments).</summary>
internal sealed class ParameterState : IDisposable
{
    public long Step;

    /// <summary>Buffers by PyTorch name (<c>momentum_buffer</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>); owned, outside any scope.</summary>
    public OrderedDictionary<string, Tensor> Buffers { get; } = new(StringComparer.Ordinal);

    /// <summary>The buffer of that name, created zero-filled with the parameter's shape if absent.</summary>
    public Tensor GetOrCreate(string name, Tensor parameter, out bool created)
    {
        created = !Buffers.TryGetValue(name, out var buffer);
        if (created)
        {
            buffer = Tensor.Zeros(parameter.ShapeArray).MoveToOuterScopeFully();
            Buffers.Add(name, buffer);
        }
        return buffer!;
    }

    public void Dispose()
    {
        foreach (var b in Buffers.Values) b.Dispose();
        Buffers.Clear();
    }
}
