using MLVideo.Bench.Harness;
using MLVideo.Tensors;

namespace MLVideo.Bench.Suites;

/// <summary>
/// Elementwise arithmetic, activations, softmax, reductions and cross-entropy on activation-sized
/// tensors (16 x 64 x 56 x 56, a ResNet stage-1 batch), against PyTorch on the same shapes.
/// </summary>
public sealed class ElementwiseSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "elementwise";

    /// <inheritdoc />
    public string Description => "arithmetic, activations, softmax, reductions, cross-entropy vs PyTorch";

    /// <inheritdoc />
    public int Run(BenchContext context)
    {
        var gen = new Generator(0);
        using var act = Tensor.Randn([16, 64, 56, 56], gen);
        using var other = Tensor.Randn([16, 64, 56, 56], gen);
        using var bias = Tensor.Randn([64, 1, 1], gen);
        using var grad = Tensor.Randn([16, 64, 56, 56], gen);
        using var logits = Tensor.Randn([256, 1000], gen);
        using var wide = Tensor.Randn([4096, 1024], gen);
        using var ceLogits = Tensor.Randn([256, 400], gen);
        int[] ceTargets = Enumerable.Range(0, 256).Select(_ => gen.NextInt(400)).ToArray();
        using var act3 = act.Reshape(16, 64, 3136);

        var cases = new (string Name, Action Body)[]
        {
            ("add_same", () => (act + other).Dispose()),
            ("add_bias", () => (act + bias).Dispose()),
            ("mul_scalar", () => (act * 0.5f).Dispose()),
            ("relu", () => act.Relu().Dispose()),
            ("sigmoid", () => act.Sigmoid().Dispose()),
            ("tanh", () => act.Tanh().Dispose()),
            ("exp", () => act.Exp().Dispose()),
            ("relu_fwd_bwd", () =>
            {
                using var scope = TensorScope.Begin();
                var x = act.Clone().RequiresGrad_();
                x.Relu().Backward(grad);
                x.Grad!.Dispose();
            }),
            ("softmax_last", () => logits.Softmax(-1).Dispose()),
            ("log_softmax_dim1", () => act3.LogSoftmax(1).Dispose()),
            ("sum_all", () => act.Sum().Dispose()),
            ("mean_hw", () => act.Mean([2, 3]).Dispose()),
            ("sum_dim0", () => wide.Sum([0]).Dispose()),
            ("cross_entropy_fwd_bwd", () =>
            {
                using var scope = TensorScope.Begin();
                var x = ceLogits.Clone().RequiresGrad_();
                Functional.CrossEntropy(x, ceTargets).Backward();
                x.Grad!.Dispose();
            }),
        };

        // At least 20 warm-up runs: the generic kernels must reach tier-1 code before timing, or the
        // first cases measure the JIT rather than the kernel.
        int warmup = Math.Max(context.Warmup, 20);
        var ours = new Dictionary<string, double>();
        using (Autograd.NoGrad())
            foreach (var (name, body) in cases.Where(c => !c.Name.EndsWith("fwd_bwd", StringComparison.Ordinal)))
                ours[name] = Timing.MedianMilliseconds(body, context.Repeats, warmup);
        foreach (var (name, body) in cases.Where(c => c.Name.EndsWith("fwd_bwd", StringComparison.Ordinal)))
            ours[name] = Timing.MedianMilliseconds(body, context.Repeats, warmup);

        using var reference = PythonReference.Run(context, "elementwise.py", "--repeats", context.Repeats.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"{"case",-24} {"ours ms",10} {"torch ms",10} {"ours/torch",11}");
        foreach (var (name, _) in cases)
        {
            string torch = "", ratio = "";
            if (reference is not null && reference.RootElement.TryGetProperty(name, out var t))
            {
                torch = t.GetDouble().ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
                ratio = (ours[name] / t.GetDouble()).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            }
            Console.WriteLine($"{name,-24} {ours[name],10:F3} {torch,10} {ratio,11}");
        }
        return 0;
    }
}
