using MLVideo.Bench.Harness;
using MLVideo.Tensors;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Bench.Suites;

/// <summary>
/// Batch norm, layer norm, pooling and GRU: forward + backward (or forward only where named) on shapes from the
/// backbones (ResNet stem and layer1, the global pool of the head, SDCOM's BatchNorm1d(4096) and GRU), against
/// PyTorch on the same machine (bench/python/normpool.py).
/// </summary>
public sealed class NormPoolSuite : IBenchSuite
{
    /// <inheritdoc/>
    public string Name => "normpool";

    /// <inheritdoc/>
    public string Description => "BatchNorm / LayerNorm / pooling / GRU forward+backward vs PyTorch";

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        var cases = new List<(string Name, string Shape, Action Body)>();
        var gen = new Generator(0);

        var x = Tensor.Randn([32, 64, 56, 56], gen).RequiresGrad_();
        var w = Tensor.Rand([64], 0f, 1f, gen).RequiresGrad_();
        var b = Tensor.Randn([64], gen).RequiresGrad_();
        var rm = Tensor.Zeros(64);
        var rv = Tensor.Ones(64);
        cases.Add(("batchnorm2d_train", "(32, 64, 56, 56)", () => ForwardBackward(x, t => F.BatchNorm(t, rm, rv, w, b, training: true))));
        cases.Add(("batchnorm2d_eval_fwd", "(32, 64, 56, 56)", () =>
        {
            using var noGrad = Autograd.NoGrad();
            F.BatchNorm(x, rm, rv, w, b, training: false).Dispose();
        }));

        var xc = Tensor.Randn([256, 4096], gen).RequiresGrad_();
        var w1 = Tensor.Rand([4096], 0f, 1f, gen).RequiresGrad_();
        var b1 = Tensor.Randn([4096], gen).RequiresGrad_();
        var rm1 = Tensor.Zeros(4096);
        var rv1 = Tensor.Ones(4096);
        cases.Add(("batchnorm1d_train", "(256, 4096)", () => ForwardBackward(xc, t => F.BatchNorm(t, rm1, rv1, w1, b1, training: true))));

        var xs = Tensor.Randn([16, 64, 112, 112], gen).RequiresGrad_();
        cases.Add(("maxpool2d_k3s2p1", "(16, 64, 112, 112)", () => ForwardBackward(xs, t => F.MaxPool2d(t, 3, 2, 1))));
        cases.Add(("avgpool2d_k2s2", "(16, 64, 112, 112)", () => ForwardBackward(xs, t => F.AvgPool2d(t, 2, 2))));

        var xg = Tensor.Randn([64, 512, 7, 7], gen).RequiresGrad_();
        cases.Add(("global_avgpool", "(64, 512, 7, 7)", () => ForwardBackward(xg, t => F.AdaptiveAvgPool2d(t, 1))));

        var x3 = Tensor.Randn([4, 64, 8, 56, 56], gen).RequiresGrad_();
        cases.Add(("maxpool3d_k133_s122", "(4, 64, 8, 56, 56)", () => ForwardBackward(x3, t => F.MaxPool3d(t, (1, 3, 3), (1, 2, 2), (0, 1, 1)))));

        var xl = Tensor.Randn([4096, 1024], gen).RequiresGrad_();
        var wl = Tensor.Rand([1024], 0f, 1f, gen).RequiresGrad_();
        var bl = Tensor.Randn([1024], gen).RequiresGrad_();
        cases.Add(("layernorm_1024", "(4096, 1024)", () => ForwardBackward(xl, t => F.LayerNorm(t, [1024], wl, bl))));

        float k = 1f / MathF.Sqrt(256);
        var wih = Tensor.Rand([768, 256], -k, k, gen).RequiresGrad_();
        var whh = Tensor.Rand([768, 256], -k, k, gen).RequiresGrad_();
        var bih = Tensor.Rand([768], -k, k, gen).RequiresGrad_();
        var bhh = Tensor.Rand([768], -k, k, gen).RequiresGrad_();
        var xr = Tensor.Randn([8, 16, 256], gen).RequiresGrad_();
        cases.Add(("gru_256_n8_t16", "(8, 16, 256), H 256", () =>
        {
            foreach (var p in new[] { wih, whh, bih, bhh }) p.ZeroGrad();
            ForwardBackward(xr, t => F.Gru(t, null, wih, whh, bih, bhh).Output);
        }));

        Dictionary<string, double>? reference = null;
        using (var doc = PythonReference.Run(context, "normpool.py", "--repeats", context.Repeats.ToString()))
        {
            if (doc is not null)
            {
                reference = new Dictionary<string, double>();
                foreach (var p in doc.RootElement.GetProperty("ms").EnumerateObject()) reference[p.Name] = p.Value.GetDouble();
                Console.WriteLine($"PyTorch threads: {doc.RootElement.GetProperty("threads").GetInt32()}");
            }
        }

        Console.WriteLine($"{"case",-22} {"shape",-22} {"ours ms",10} {"torch ms",10} {"ours/torch",11}");
        foreach (var (name, shape, body) in cases)
        {
            double ours = Timing.MedianMilliseconds(body, context.Repeats, context.Warmup);
            string torch = reference is not null && reference.TryGetValue(name, out double t) ? $"{t,10:F2} {ours / t,11:F2}" : $"{"-",10} {"-",11}";
            Console.WriteLine($"{name,-22} {shape,-22} {ours,10:F2} {torch}");
        }
        return 0;
    }

    /// <summary>One forward and backward with an all-ones upstream gradient; every temporary is disposed.</summary>
    private static void ForwardBackward(Tensor input, Func<Tensor, Tensor> op)
    {
        input.ZeroGrad();
        using var scope = TensorScope.Begin();
        var y = op(input);
        y.Backward(Tensor.Ones(y.ShapeArray));
    }
}
