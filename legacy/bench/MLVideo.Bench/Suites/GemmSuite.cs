using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLVideo.Bench.Harness;
using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Bench.Suites;

/// <summary>
/// SGEMM C = A B on square float32 matrices (512, 1024, 2048) with 2 threads: our packed kernel against
/// PyTorch (its BLAS, run with OPENBLAS_CORETYPE=COOPERLAKE), each size timed for both back to back.
/// Reports median wall-clock ms, GFLOP/s (2 n^3 / s) and ours / PyTorch throughput (the anchor in
/// docs/anchors.md is >= 1.0x), plus GFLOP per CPU-second of the whole process for both sides: on this
/// shared machine wall-clock figures move with other people's load, CPU time much less so.
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
            var rows = new List<string>();
            string? torchVersion = null;
            foreach (int n in Sizes)
            {
                var (oursMs, oursCpuMs) = TimeOurs(n, context);
                using var reference = PythonReference.Run(context, "gemm.py",
                    "--sizes", n.ToString(CultureInfo.InvariantCulture), "--threads", Threads.ToString(CultureInfo.InvariantCulture),
                    "--repeats", context.Repeats.ToString(CultureInfo.InvariantCulture),
                    "--warmup", context.Warmup.ToString(CultureInfo.InvariantCulture));
                double flops = 2.0 * n * n * n;
                string line = $"{n,6} {oursMs,9:F2} {Gflops(flops, oursMs),9:F1} {Gflops(flops, oursCpuMs),9:F1}";
                if (reference is not null)
                {
                    torchVersion = reference.RootElement.GetProperty("torch").GetString();
                    JsonElement result = reference.RootElement.GetProperty("results").GetProperty(n.ToString(CultureInfo.InvariantCulture));
                    double theirMs = result.GetProperty("median_ms").GetDouble();
                    double theirCpuMs = result.GetProperty("cpu_ms").GetDouble();
                    line += $" {theirMs,9:F2} {Gflops(flops, theirMs),9:F1} {Gflops(flops, theirCpuMs),9:F1}" +
                            $" {theirMs / oursMs,7:F2}x {theirCpuMs / oursCpuMs,7:F2}x";
                }
                rows.Add(line);
            }
            if (torchVersion is not null) Console.WriteLine($"PyTorch {torchVersion}, {Threads} threads");
            Console.WriteLine("GFLOP/s = 2 n^3 / median wall time; cpu = 2 n^3 / process CPU time per call (both threads); ratio = ours / PyTorch throughput");
            Console.WriteLine($"{"size",6} {"ours ms",9} {"GFLOP/s",9} {"cpu",9} {"torch ms",9} {"GFLOP/s",9} {"cpu",9} {"ratio",8} {"cpu rat.",8}");
            foreach (string row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            CpuParallel.MaxDegree = previousDegree;
        }
    }

    private static double Gflops(double flops, double ms) => flops / (ms * 1e6);

    /// <summary>Median wall-clock ms per call, and the process's CPU ms per call over the timed calls.</summary>
    private static (double Median, double CpuPerCall) TimeOurs(int n, BenchContext context)
    {
        var gen = new Generator(1);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        gen.FillNormal(a, 0f, 1f);
        gen.FillNormal(b, 0f, 1f);
        void Multiply() => Gemm.Sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
        // Warm up for at least half a second as well, so the measured calls see steady clocks and caches.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < context.Warmup || warm.ElapsedMilliseconds < 500; i++) Multiply();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuStart = process.TotalProcessorTime;
        double median = Timing.MedianMilliseconds(Multiply, context.Repeats, warmup: 0);
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / context.Repeats;
        return (median, cpu);
    }
}
