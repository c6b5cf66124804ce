using MLVideo.Trainers.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// PyTorch's AdamW step (Loshchilov and Hutter, decoupled weight decay): p *= 1 - lr * decay; m = b1 m + (1 - b1) g;
/// v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
/// <remarks>
/// Written here rather than using <c>torch.optim.AdamW</c> because that one passes implicit <see cref="Scalar"/>
/// temporaries to native calls (see <see cref="NativeScalars"/>); every Scalar below is a <c>using</c> local that
/// outlives the calls it is given to.
/// </remarks>
internal static class AdamWUpdate
{
    /// <summary>One step over <paramref name="parameters"/>; call under no_grad inside a dispose scope.</summary>
    public static void Apply(IEnumerable<OptimizedParameter> parameters, double learningRate, double weightDecay, double beta1, double beta2, double epsilon)
    {
        using var shrink = (1 - learningRate * weightDecay).ToScalar();
        using var beta1Scalar = beta1.ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var gradientShare = (1 - beta1).ToScalar();
        using var squareShare = (1 - beta2).ToScalar();
        using var epsilonScalar = epsilon.ToScalar();
        foreach (var p in parameters)
        {
            var grad = p.Parameter.grad;
            if (grad is null) continue;   // unused in this step's graph: no update and no step count, as in PyTorch
            p.Step++;
            p.Parameter.mul_(shrink);
            double biasCorrection1 = 1 - Math.Pow(beta1, p.Step);
            double biasCorrection2 = 1 - Math.Pow(beta2, p.Step);
            var expAvg = p.ExpAvg ?? throw new InvalidOperationException($"'{p.Name}' has no AdamW state.");
            var expAvgSq = p.ExpAvgSq ?? throw new InvalidOperationException($"'{p.Name}' has no AdamW state.");
            expAvg.mul_(beta1Scalar).add_(grad, gradientShare);
            expAvgSq.mul_(beta2Scalar).addcmul_(grad, grad, squareShare);
            using var rootCorrection = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-learningRate / biasCorrection1).ToScalar();
            var denominator = expAvgSq.sqrt().div_(rootCorrection).add_(epsilonScalar, NativeScalars.One);
            p.Parameter.addcdiv_(expAvg, denominator, stepSize);
        }
    }
}
