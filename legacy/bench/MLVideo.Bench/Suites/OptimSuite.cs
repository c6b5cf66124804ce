using MLVideo.Bench.Harness;
using MLVideo.Tensors;
using MLVideo.Tensors.Optim;

namespace MLVideo.Bench.Suites;

/// <summary>
/// One optimiser step over a ResNet-50-sized parameter set (25.5 M floats in 89 tensors shaped like its convs, BN vectors and fc):
/// Sgd with momentum and weight decay, AdamW, and ClipGradNorm. Reports median ms and the effective memory
/// traffic in GB/s (SGD moves p, g, buf: 5 floats read/written per element; AdamW 7). Ours only.
/// </summary>
public sealed class OptimSuite : IBenchSuite
{
    /// <inheritdoc/>
    public string Name => "optim";

    /// <inheritdoc/>
    public string Description => "Sgd / AdamW step and ClipGradNorm over 25.5 M parameters (ms, GB/s)";

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        var gen = new Generator(3);
        var parameters = MakeParameters(gen);
        long count = parameters.Sum(p => (long)p.Count);
        foreach (var p in parameters)
        {
            p.RequiresGrad = true;
            p.Grad = Tensor.Randn(p.ShapeArray, gen);
        }
        using var sgd = new Sgd(parameters, 0.01, momentum: 0.9, weightDecay: 1e-4);
        using var adamw = new AdamW(parameters);
        double sgdMs = Timing.MedianMilliseconds(sgd.Step, context.Repeats, context.Warmup);
        double adamMs = Timing.MedianMilliseconds(adamw.Step, context.Repeats, context.Warmup);
        double clipMs = Timing.MedianMilliseconds(() => GradientClipping.ClipGradNorm(parameters, 1e9), context.Repeats, context.Warmup);
        Console.WriteLine($"{count / 1e6:F1} M parameters in {parameters.Length} tensors");
        Console.WriteLine($"{"op",-14} {"ms",8} {"GB/s",8}");
        Print("Sgd.Step", sgdMs, count * 5 * 4.0);
        Print("AdamW.Step", adamMs, count * 7 * 4.0);
        Print("ClipGradNorm", clipMs, count * 2 * 4.0);
        return 0;
    }

    private static void Print(string name, double ms, double bytes) => Console.WriteLine($"{name,-14} {ms,8:F2} {bytes / (ms * 1e6),8:F1}");

    /// <summary>Shapes shaped like ResNet-50's: 1x1 and 3x3 convs of each stage, BN vectors and the fc.</summary>
    private static Tensor[] MakeParameters(Generator gen)
    {
        var shapes = new List<int[]> { new[] { 64, 3, 7, 7 }, new[] { 64 }, new[] { 64 } };
        int[] widths = [64, 128, 256, 512];
        int[] blocks = [3, 4, 6, 3];
        int inPlanes = 64;
        for (int s = 0; s < 4; s++)
            for (int b = 0; b < blocks[s]; b++)
            {
                int w = widths[s];
                shapes.Add([w, inPlanes, 1, 1]);
                shapes.Add([w, w, 3, 3]);
                shapes.Add([w * 4, w, 1, 1]);
                if (b == 0) shapes.Add([w * 4, inPlanes, 1, 1]);
                shapes.Add([w]);
                shapes.Add([w * 4]);
                inPlanes = w * 4;
            }
        shapes.Add([1000, 2048]);
        shapes.Add([1000]);
        return shapes.Select(s => Tensor.Randn(s, gen)).ToArray();
    }
}
