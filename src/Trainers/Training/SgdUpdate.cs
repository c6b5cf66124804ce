using MLVideo.Trainers.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// PyTorch's SGD step without dampening: g = grad + decay * p; buf = g at the first step, else momentum * buf + g;
/// the update direction is g + momentum * buf (Nesterov) or buf; p -= lr * direction.
/// </summary>
/// <remarks>
/// Written here rather than using <c>torch.optim.SGD</c> because that one passes implicit <see cref="Scalar"/>
/// temporaries to native calls (see <see cref="NativeScalars"/>); every Scalar below is a <c>using</c> local that
/// outlives the calls it is given to.
/// </remarks>
internal static class SgdUpdate
{
    /// <summary>One step over <paramref name="parameters"/>; call under no_grad inside a dispose scope.</summary>
    public static void Apply(IEnumerable<OptimizedParameter> parameters, double learningRate, double weightDecay, double momentum, bool nesterov)
    {
        using var decay = weightDecay.ToScalar();
        using var momentumScalar = momentum.ToScalar();
        using var step = (-learningRate).ToScalar();
        foreach (var p in parameters)
        {
            var grad = p.Parameter.grad;
            if (grad is null) continue;   // unused in this step's graph: no update, as in PyTorch
            if (weightDecay != 0) grad = grad.add(p.Parameter, decay);
            var direction = grad;
            if (momentum != 0)
            {
                if (p.MomentumBuffer is null) p.ReplaceMomentumBuffer(grad.clone().detach());
                else p.MomentumBuffer.mul_(momentumScalar).add_(grad, NativeScalars.One);   // dampening 0: 1 - 0
                direction = nesterov ? grad.add(p.MomentumBuffer!, momentumScalar) : p.MomentumBuffer!;
            }
            p.Parameter.add_(direction, step);
        }
    }
}
