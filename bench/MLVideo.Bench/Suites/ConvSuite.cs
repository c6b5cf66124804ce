using System.Globalization;
using System.Text.Json;
using MLVideo.Bench.Harness;
using MLVideo.Tensors;

namespace MLVideo.Bench.Suites;

/// <summary>
/// The ResNet convolution layers of docs/anchors.md (batch of 8 frames, 224² and 112² clips): our
/// Conv2d forward and backward (input + weight gradients) against PyTorch's, alternating layer by
/// layer in the same run. Set MLVIDEO_BENCH_CONV_SIZES (e.g. "112") to run only some clip sizes.
/// </summary>
public sealed class ConvSuite : IBenchSuite
{
    private const int Frames = 8;

    /// <inheritdoc/>
    public string Name => "conv";

    /// <inheritdoc/>
    public string Description => "ResNet conv layers, forward and backward, vs PyTorch (MLVIDEO_BENCH_CONV_SIZES=224,112)";

    /// <summary>One layer: input channels, output channels, square kernel, stride, padding, and the input side at a given clip size.</summary>
    private sealed record Layer(string Name, int InChannels, int OutChannels, int Kernel, int Stride, int Padding, int Downscale, bool Backward)
    {
        public int InputSide(int clipSize) => clipSize / Downscale;

        public int OutputSide(int clipSize) => (InputSide(clipSize) + 2 * Padding - Kernel) / Stride + 1;

        public long Macs(int clipSize) => (long)Frames * OutChannels * OutputSide(clipSize) * OutputSide(clipSize) * InChannels * Kernel * Kernel;
    }

    // The rows of anchors.md; Downscale is the clip side over the layer's input side.
    private static readonly Layer[] Layers =
    [
        new("stem 7x7 s2, 3->64", 3, 64, 7, 2, 3, 1, Backward: false),
        new("R18 layer1 3x3, 64->64", 64, 64, 3, 1, 1, 4, true),
        new("R18 layer2 3x3 s2, 64->128", 64, 128, 3, 2, 1, 4, true),
        new("R18 layer2 3x3, 128->128", 128, 128, 3, 1, 1, 8, true),
        new("R18 layer3 3x3, 256->256", 256, 256, 3, 1, 1, 16, true),
        new("R18 layer4 3x3, 512->512", 512, 512, 3, 1, 1, 32, true),
        new("R50 layer1 1x1, 256->64", 256, 64, 1, 1, 0, 4, true),
        new("R50 layer1 1x1, 64->256", 64, 256, 1, 1, 0, 4, true),
        new("R50 layer3 1x1, 1024->256", 1024, 256, 1, 1, 0, 16, true),
        new("R50 layer3 1x1, 256->1024", 256, 1024, 1, 1, 0, 16, true),
        new("R50 layer4 1x1, 2048->512", 2048, 512, 1, 1, 0, 32, true),
        new("R50 layer4 1x1, 512->2048", 512, 2048, 1, 1, 0, 32, true),
    ];

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        int[] sizes = ClipSizes();
        Console.WriteLine($"batch {Frames} frames, {Environment.ProcessorCount} threads, median of {context.Repeats} (after {context.Warmup} warm-up); " +
                          "GFLOP/s = 2 x MACs / s (backward: input + weight gradients = 2 x forward MACs); ratio = our GFLOP/s / PyTorch's (>= 1 is the goal)");
        Console.WriteLine($"{"layer",-28} {"clip",4} {"pass",-4} {"ours ms",9} {"GFLOP/s",8} {"torch ms",9} {"GFLOP/s",8} {"ratio",6}");
        foreach (int size in sizes)
        {
            foreach (var layer in Layers)
            {
                var (forwardMs, backwardMs) = MeasureOurs(layer, size, context);
                var torch = MeasurePyTorch(layer, size, context);
                PrintRow(layer, size, "fwd", forwardMs, torch?.Forward, layer.Macs(size));
                if (layer.Backward) PrintRow(layer, size, "bwd", backwardMs, torch?.Backward, 2 * layer.Macs(size));
            }
        }
        return 0;
    }

    private static int[] ClipSizes()
    {
        string? env = Environment.GetEnvironmentVariable("MLVIDEO_BENCH_CONV_SIZES");
        if (string.IsNullOrWhiteSpace(env)) return [224, 112];
        return env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    private static (double Forward, double Backward) MeasureOurs(Layer layer, int size, BenchContext context)
    {
        var gen = new Generator(1);
        int side = layer.InputSide(size);
        using var x = Tensor.Randn([Frames, layer.InChannels, side, side], gen);
        using var w = Tensor.Randn([layer.OutChannels, layer.InChannels, layer.Kernel, layer.Kernel], gen);
        double forward;
        using (Autograd.NoGrad())
        {
            forward = Timing.MedianMilliseconds(() =>
            {
                using var y = Functional.Conv2d(x, w, null, layer.Stride, layer.Padding);
            }, context.Repeats, context.Warmup);
        }
        if (!layer.Backward) return (forward, double.NaN);

        // Record one forward, then time the recorded node's backward alone (input and weight gradients).
        x.RequiresGrad = true;
        w.RequiresGrad = true;
        using var output = Functional.Conv2d(x, w, null, layer.Stride, layer.Padding);
        using var gradOutput = Tensor.Randn(output.ShapeArray, gen);
        var node = output.GradFn!;
        double backward = Timing.MedianMilliseconds(() =>
        {
            var grads = new Tensor?[node.Inputs.Length];
            node.Backward(gradOutput, grads);
            foreach (var g in grads) g?.Dispose();
        }, context.Repeats, context.Warmup);
        return (forward, backward);
    }

    private static (double Forward, double? Backward)? MeasurePyTorch(Layer layer, int size, BenchContext context)
    {
        var spec = new[]
        {
            new Dictionary<string, object>
            {
                ["name"] = layer.Name, ["n"] = Frames, ["cin"] = layer.InChannels, ["cout"] = layer.OutChannels,
                ["size"] = layer.InputSide(size), ["kernel"] = layer.Kernel, ["stride"] = layer.Stride,
                ["padding"] = layer.Padding, ["backward"] = layer.Backward,
            },
        };
        using var doc = PythonReference.Run(context, "conv_layers.py", "--layers", JsonSerializer.Serialize(spec),
            "--repeats", context.Repeats.ToString(CultureInfo.InvariantCulture), "--warmup", context.Warmup.ToString(CultureInfo.InvariantCulture));
        if (doc is null) return null;
        var result = doc.RootElement.GetProperty("layers")[0];
        var backward = result.GetProperty("backward_ms");
        return (result.GetProperty("forward_ms").GetDouble(), backward.ValueKind == JsonValueKind.Number ? backward.GetDouble() : null);
    }

    private static void PrintRow(Layer layer, int size, string pass, double oursMs, double? torchMs, long macs)
    {
        double oursGflops = 2.0 * macs / (oursMs * 1e6);
        string torch = torchMs is double t ? $"{t,9:F2} {2.0 * macs / (t * 1e6),8:F1} {t / oursMs,6:F2}" : $"{"-",9} {"-",8} {"-",6}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layer.Name,-28} {size,4} {pass,-4} {oursMs,9:F2} {oursGflops,8:F1} {torch}"));
    }
}
