using System.Globalization;
using MLVideo.Bench.Harness;

namespace MLVideo.Bench.Suites;

/// <summary>Prints the markdown tables of the models suite and the issue's targets with the ratios of this run.</summary>
public static class ModelsReport
{
    private const double MaxOverhead = 0.05, MinGsfOverTsm = 0.9, MaxMemoryOverPyTorch = 1.2;

    /// <summary>Prints times, memory and targets.</summary>
    public static void Print(ModelsResults r, BenchOptions options)
    {
        bool torch = BenchShape.Methods.Any(m => r.Has("pytorch", m));
        Console.WriteLine(Invariant($"ResNet-18, {BenchShape.Frames}x{BenchShape.Channels}x{BenchShape.Size}x{BenchShape.Size}, {BenchShape.Classes} classes, {options.Threads} threads. ms: median over {options.Rounds} rounds of each process's median of {options.Repeats} timed iterations (lowest-highest round in brackets)."));
        Console.WriteLine(Invariant($"ours and plain: {r.Runtime("ours") ?? r.Runtime("plain")}; PyTorch: {r.Runtime("pytorch") ?? "not run"}."));
        Console.WriteLine();
        Console.WriteLine("| method | phase | ours ms | plain TorchSharp ms | PyTorch ms | ours / plain | ours / PyTorch |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (string method in BenchShape.Methods)
        {
            Row(r, method, "inference, 1 clip", r.Inference, torch, "F1");
            Row(r, method, "training step, 2 clips", r.TrainingStep, torch, "F1");
        }
        Console.WriteLine();
        Console.WriteLine("Peak resident memory (VmHWM, MiB) of each process, which ran the inference phase and then the training steps.");
        Console.WriteLine();
        Console.WriteLine("| method | peak | ours MiB | plain TorchSharp MiB | PyTorch MiB | ours / plain | ours / PyTorch |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (string method in BenchShape.Methods)
        {
            Row(r, method, "after inference", r.PeakRssAfterInference, torch, "F0");
            Row(r, method, "after training (process)", r.PeakRss, torch, "F0");
        }
        Console.WriteLine();
        PrintTargets(r, torch);
    }

    private static void Row(ModelsResults r, string method, string phase, Func<string, string, Figure> figure, bool torch, string format)
    {
        if (!r.Has("ours", method) || !r.Has("plain", method)) return;
        var ours = figure("ours", method);
        var plain = figure("plain", method);
        bool hasTorch = torch && r.Has("pytorch", method);
        string theirs = hasTorch ? figure("pytorch", method).Format(format) : "-";
        string vsTorch = hasTorch ? Invariant($"{ours.Median / figure("pytorch", method).Median:F2}") : "-";
        Console.WriteLine(Invariant($"| {method.ToUpperInvariant()} | {phase} | {ours.Format(format)} | {plain.Format(format)} | {theirs} | {ours.Median / plain.Median:F3} | {vsTorch} |"));
    }

    private static void PrintTargets(ModelsResults r, bool torch)
    {
        Console.WriteLine("| target | figure of this run | met |");
        Console.WriteLine("|---|---|---|");
        foreach (string method in BenchShape.Methods.Where(m => r.Has("ours", m) && r.Has("plain", m)))
            foreach (var (phase, figure) in new (string, Func<string, string, Figure>)[] { ("inference", r.Inference), ("training step", r.TrainingStep) })
            {
                double overhead = figure("ours", method).Median / figure("plain", method).Median - 1;
                Console.WriteLine(Invariant($"| ours <= 5% over plain TorchSharp, {method.ToUpperInvariant()} {phase} | {overhead * 100:+0.0;-0.0}% | {Met(overhead <= MaxOverhead)} |"));
            }
        foreach (string contender in new[] { "ours", "plain", "pytorch" }.Where(c => r.Has(c, "gsf") && r.Has(c, "tsm")))
        {
            double throughputRatio = r.Inference(contender, "tsm").Median / r.Inference(contender, "gsf").Median;
            string target = contender == "ours" ? Met(throughputRatio >= MinGsfOverTsm) : "(for comparison)";
            Console.WriteLine(Invariant($"| GSF inference >= 0.9x TSM's throughput, {contender} | {throughputRatio:F2}x | {target} |"));
        }
        if (!torch) return;
        foreach (string method in BenchShape.Methods.Where(m => r.Has("ours", m) && r.Has("pytorch", m)))
        {
            double ratio = r.PeakRss("ours", method).Median / r.PeakRss("pytorch", method).Median;
            Console.WriteLine(Invariant($"| training peak memory <= 1.2x PyTorch's, {method.ToUpperInvariant()} | {ratio:F2}x | {Met(ratio <= MaxMemoryOverPyTorch)} |"));
        }
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
