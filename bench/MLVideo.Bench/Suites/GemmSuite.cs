using System.Globalization;
using MLVideo.Bench.Harness;
using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Bench.Suites;

/// <summary>
/// SGEMM C = A B on square float32 matrices (512, 1024, 2048) with 2 threads: our packed kernel against
/// PyTorch (its BLAS, run with OPENBLAS_CORETYPE=COOPERLAKE) in the same run. Reports median ms,
/// GFLOP/s (2 n^3 / s) and ours / PyTorch throughput. The anchor (docs/anchors.md) is >= 1.0x.
/// </summary>
public sealed class GemmSuite : IBenchSuite
{
    private static readonly int[] Sizes = [512, 1024, 2048];
    private const int Threads = 2;

    /// <inheritdoc/>
    public string Name => "gemm";

    /// <inheritdoc/>
    public string Description => "SGEMM 512/1024/2048, 2 threads, ours vs PyTorch (GFLOP/s and ratio)";

    /// <inheritdoc/>
    public int Run(BenchContext context)
    {
        int previousDegree = CpuParallel.MaxDegree;
        CpuParallel.MaxDegree = Threads;
        try
        {
            // Each size is timed for us and then for PyTorch straight after, so that both see the same
            // background load on this shared machine (one Python start per size is the price).
            var ours = new Dictionary<int, double>();
            var theirs = new Dictionary<int, double>();
            string? torchVersion = null;
            foreach (int n in Sizes)
            {
                ours[n] = TimeOurs(n, context);
                using var reference = PythonReference.Run(context, "gemm.py",
                    "--sizes", n.ToString(CultureInfo.InvariantCulture), "--threads", Threads.ToString(CultureInfo.InvariantCulture),
                    "--repeats", context.Repeats.ToString(CultureInfo.InvariantCulture),
                    "--warmup", context.Warmup.ToString(CultureInfo.InvariantCulture));
                if (reference is null) continue;
                theirs[n] = reference.RootElement.GetProperty("results").GetProperty(n.ToString(CultureInfo.InvariantCulture)).GetDouble();
                torchVersion = reference.RootElement.GetProperty("torch").GetString();
            }
            if (torchVersion is not null) Console.WriteLine($"PyTorch {torchVersion}, {Threads} threads");

            Console.WriteLine($"{"size",6} {"ours ms",10} {"ours GFLOP/s",13} {"torch ms",10} {"torch GFLOP/s",14} {"ratio",7}");
            foreach (int n in Sizes)
            {
                double flops = 2.0 * n * n * n;
                double oursGflops = flops / (ours[n] * 1e6);
                string line = $"{n,6} {ours[n],10:F2} {oursGflops,13:F1}";
                if (theirs.TryGetValue(n, out double t))
                {
                    double theirGflops = flops / (t * 1e6);
                    line += $" {t,10:F2} {theirGflops,14:F1} {oursGflops / theirGflops,6:F2}x";
                }
                Console.WriteLine(line);
            }
            return 0;
        }
        finally
        {
            CpuParallel.MaxDegree = previousDegree;
        }
    }

    private static double TimeOurs(int n, BenchContext context)
    {
        var gen = new Generator(1);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        gen.FillNormal(a, 0f, 1f);
        gen.FillNormal(b, 0f, 1f);
        return Timing.MedianMilliseconds(
            () => Gemm.Sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n),
            context.Repeats, context.Warmup);
    }
}
