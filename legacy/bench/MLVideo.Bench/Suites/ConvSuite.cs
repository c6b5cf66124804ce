using System.Globalization;
using System.Text.Json;
using MLVideo.Bench.Harness;
using MLVideo.Tensors;

namespace MLVideo.Bench.Suites;

/// <summary>
/// The ResNet convolution layers of docs/anchors.md (batch of 8 frames, 224² and 112² clips), plus a
/// depthwise layer and two r3d_18 layers: our forward and backward (input + weight gradients) against
/// PyTorch's, alternating layer by layer in the same run. Set MLVIDEO_BENCH_CONV_SIZES (e.g. "112") to run only some clip sizes.
/// </summary>
public sealed class ConvSuite : IBenchSuite
{
    private const int Frames = 8;

    /// <inheritdoc/>
    public string Name => "conv";

    /// <inheritdoc/>
    public string Description => "ResNet conv layers, forward and backward, vs PyTorch (MLVIDEO_BENCH_CONV_SIZES=224,112)";

    /// <summary>
    /// One layer: channels, kernel/stride/padding as (depth, height, width) (depth kernel 1 and
    /// <paramref name="Depth"/> 0 for 2-D), groups, batch, and the input side as the clip side over
    /// <paramref name="Downscale"/>. <paramref name="OnlyAt"/> restricts a row to one clip size.
    /// </summary>
    private sealed record Layer(string Name, int InChannels, int OutChannels, (int D, int H, int W) Kernel, (int D, int H, int W) Stride,
        (int D, int H, int W) Padding, int Downscale, bool Backward, int Groups = 1, int Batch = Frames, int Depth = 0, int OnlyAt = 0)
    {
        public bool Is3d => Depth > 0;

        public int InputSide(int clipSize) => clipSize / Downscale;

        public int[] InputShape(int clipSize) => Is3d
            ? [Batch, InChannels, Depth, InputSide(clipSize), InputSide(clipSize)]
            : [Batch, InChannels, InputSide(clipSize), InputSide(clipSize)];

        public int[] WeightShape => Is3d
            ? [OutChannels, InChannels / Groups, Kernel.D, Kernel.H, Kernel.W]
            : [OutChannels, InChannels / Groups, Kernel.H, Kernel.W];

        private static int Out(int size, int k, int s, int p) => (size + 2 * p - k) / s + 1;

        public long Macs(int clipSize)
        {
            int side = InputSide(clipSize);
            long outSpatial = (long)Out(side, Kernel.H, Stride.H, Padding.H) * Out(side, Kernel.W, Stride.W, Padding.W)
                              * (Is3d ? Out(Depth, Kernel.D, Stride.D, Padding.D) : 1);
            return Batch * OutChannels * outSpatial * (InChannels / Groups) * Kernel.D * Kernel.H * Kernel.W;
        }

        public Tensor Apply(Tensor x, Tensor w) => Is3d
            ? Functional.Conv3d(x, w, null, new Size3(Stride.D, Stride.H, Stride.W), new Size3(Padding.D, Padding.H, Padding.W), 1, Groups)
            : Functional.Conv2d(x, w, null, new Size2(Stride.H, Stride.W), new Size2(Padding.H, Padding.W), 1, Groups);
    }

    private static Layer Square(string name, int cin, int cout, int k, int s, int p, int downscale, bool backward = true, int groups = 1) =>
        new(name, cin, cout, (1, k, k), (1, s, s), (0, p, p), downscale, backward, groups);

    // The rows of anchors.md (Downscale is the clip side over the layer's input side), then a
    // MobileNetV2 depthwise layer (SDCOM's static net) and r3d_18's stem and layer1 on one 16x112² clip.
    private static readonly Layer[] Layers =
    [
        Square("stem 7x7 s2, 3->64", 3, 64, 7, 2, 3, 1, backward: false),
        Square("R18 layer1 3x3, 64->64", 64, 64, 3, 1, 1, 4),
        Square("R18 layer2 3x3 s2, 64->128", 64, 128, 3, 2, 1, 4),
        Square("R18 layer2 3x3, 128->128", 128, 128, 3, 1, 1, 8),
        Square("R18 layer3 3x3, 256->256", 256, 256, 3, 1, 1, 16),
        Square("R18 layer4 3x3, 512->512", 512, 512, 3, 1, 1, 32),
        Square("R50 layer1 1x1, 256->64", 256, 64, 1, 1, 0, 4),
        Square("R50 layer1 1x1, 64->256", 64, 256, 1, 1, 0, 4),
        Square("R50 layer3 1x1, 1024->256", 1024, 256, 1, 1, 0, 16),
        Square("R50 layer3 1x1, 256->1024", 256, 1024, 1, 1, 0, 16),
        Square("R50 layer4 1x1, 2048->512", 2048, 512, 1, 1, 0, 32),
        Square("R50 layer4 1x1, 512->2048", 512, 2048, 1, 1, 0, 32),
        Square("MBv2 dw 3x3, 144", 144, 144, 3, 1, 1, 4, groups: 144),
        Square("MBv2 dw 3x3 s2, 144", 144, 144, 3, 2, 1, 4, groups: 144),
        new("r3d stem 3x7x7 s122, 3->64", 3, 64, (3, 7, 7), (1, 2, 2), (1, 3, 3), 1, true, Batch: 1, Depth: 16, OnlyAt: 112),
        new("r3d layer1 3x3x3, 64->64", 64, 64, (3, 3, 3), (1, 1, 1), (1, 1, 1), 2, true, Batch: 1, Depth: 16, OnlyAt: 112),
    ];

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        int[] sizes = ClipSizes();
        Console.WriteLine($"batch {Frames} frames, {Environment.ProcessorCount} threads, median of {context.Repeats} (after {context.Warmup} warm-up); " +
                          "GFLOP/s = 2 x MACs / s (backward: input + weight gradients = 2 x forward MACs); ratio = our GFLOP/s / PyTorch's (>= 1 is the goal)");
        Console.WriteLine($"{"layer",-30} {"clip",4} {"pass",-4} {"ours ms",9} {"GFLOP/s",8} {"torch ms",9} {"GFLOP/s",8} {"ratio",6}");
        foreach (int size in sizes)
        {
            foreach (var layer in Layers)
            {
                if (layer.OnlyAt != 0 && layer.OnlyAt != size) continue;
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
        using var x = Tensor.Randn(layer.InputShape(size), gen);
        using var w = Tensor.Randn(layer.WeightShape, gen);
        double forward;
        using (Autograd.NoGrad())
        {
            forward = Timing.MedianMilliseconds(() =>
            {
                using var y = layer.Apply(x, w);
            }, context.Repeats, context.Warmup);
        }
        if (!layer.Backward) return (forward, double.NaN);

        // Record one forward, then time the recorded node's backward alone (input and weight gradients).
        x.RequiresGrad = true;
        w.RequiresGrad = true;
        using var output = layer.Apply(x, w);
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
                ["name"] = layer.Name, ["input"] = layer.InputShape(size), ["weight"] = layer.WeightShape,
                ["stride"] = Axes(layer.Stride, layer.Is3d), ["padding"] = Axes(layer.Padding, layer.Is3d),
                ["groups"] = layer.Groups, ["backward"] = layer.Backward,
            },
        };
        using var doc = PythonReference.Run(context, "conv_layers.py", "--layers", JsonSerializer.Serialize(spec),
            "--repeats", context.Repeats.ToString(CultureInfo.InvariantCulture), "--warmup", context.Warmup.ToString(CultureInfo.InvariantCulture));
        if (doc is null) return null;
        var result = doc.RootElement.GetProperty("layers")[0];
        var backward = result.GetProperty("backward_ms");
        return (result.GetProperty("forward_ms").GetDouble(), backward.ValueKind == JsonValueKind.Number ? backward.GetDouble() : null);
    }

    private static int[] Axes((int D, int H, int W) v, bool is3d) => is3d ? [v.D, v.H, v.W] : [v.H, v.W];

    private static void PrintRow(Layer layer, int size, string pass, double oursMs, double? torchMs, long macs)
    {
        double oursGflops = 2.0 * macs / (oursMs * 1e6);
        string torch = torchMs is double t ? $"{t,9:F2} {2.0 * macs / (t * 1e6),8:F1} {t / oursMs,6:F2}" : $"{"-",9} {"-",8} {"-",6}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layer.Name,-30} {size,4} {pass,-4} {oursMs,9:F2} {oursGflops,8:F1} {torch}"));
    }
}
