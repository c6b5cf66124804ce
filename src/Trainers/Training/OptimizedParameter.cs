using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// One parameter under <see cref="GroupedOptimizer"/> and its optimiser state: the SGD momentum buffer (made at the
/// first step, as in PyTorch), or the AdamW moments (zeros from the start) and step count. The state tensors live
/// outside every dispose scope and are freed by <see cref="Dispose"/>.
/// </summary>
internal sealed class OptimizedParameter : IDisposable
{
    public OptimizedParameter(string name, Parameter parameter, OptimizerKind kind)
    {
        Name = name;
        Parameter = parameter;
        if (kind == OptimizerKind.AdamW)
        {
            ExpAvg = zeros_like(parameter).DetachFromDisposeScope();
            ExpAvgSq = zeros_like(parameter).DetachFromDisposeScope();
        }
    }

    /// <summary>The parameter's state-dict name.</summary>
    public string Name { get; }

    public Parameter Parameter { get; }

    /// <summary>SGD: the momentum buffer, null before the first step that had a gradient.</summary>
    public Tensor? MomentumBuffer { get; private set; }

    /// <summary>AdamW: steps taken on this parameter (the bias-correction exponent).</summary>
    public long Step { get; set; }

    /// <summary>AdamW: running mean of the gradient.</summary>
    public Tensor? ExpAvg { get; private set; }

    /// <summary>AdamW: running mean of the squared gradient.</summary>
    public Tensor? ExpAvgSq { get; private set; }

    /// <summary>Takes ownership of <paramref name="buffer"/> (or of nothing), freeing the previous buffer.</summary>
    public void ReplaceMomentumBuffer(Tensor? buffer)
    {
        MomentumBuffer?.Dispose();
        MomentumBuffer = buffer?.DetachFromDisposeScope();
    }

    /// <summary>Takes ownership of both moments, freeing the previous ones.</summary>
    public void ReplaceMoments(Tensor expAvg, Tensor expAvgSq)
    {
        ExpAvg?.Dispose();
        ExpAvgSq?.Dispose();
        ExpAvg = expAvg.DetachFromDisposeScope();
        ExpAvgSq = expAvgSq.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        MomentumBuffer?.Dispose();
        ExpAvg?.Dispose();
        ExpAvgSq?.Dispose();
        MomentumBuffer = ExpAvg = ExpAvgSq = null;
    }
}
