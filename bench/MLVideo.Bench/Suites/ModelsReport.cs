using System.Globalization;
using MLVideo.Bench.Harness;

namespace MLVideo.Bench.Suites;

/// <summary>Prints the markdown tables of the models suite and the issue's targets with the ratios of this run.</summary>
public static class ModelsReport
{
    private const double MaxOverhead = 0.05, MinGsfOverTsm = 0.9, MaxMemoryOverPyTorch = 1.2;

    private delegate Figure FigureOf(string contender, string method);

    /// <summary>Prints times, memory and targets.</summary>
    public static void Print(ModelsResults r, BenchOptions options)
    {
        bool torch = BenchShape.Methods.Any(m => r.Has("pytorch", m));
        Console.WriteLine(Invariant($"ResNet-18, {BenchShape.Frames}x{BenchShape.Channels}x{BenchShape.Size}x{BenchShape.Size}, {BenchShape.Classes} classes, {options.Threads} threads; {r.Runtime("ours") ?? r.Runtime("plain")}, PyTorch {r.Runtime("pytorch") ?? "not run"}."));
        Console.WriteLine(Invariant($"ms: each process's median of {options.Repeats} timed iterations, the lowest of the {options.Rounds} rounds (all rounds above). MiB: median of the rounds."));
        Console.WriteLine();
        Console.WriteLine("| method | phase | ours ms | plain TorchSharp ms | PyTorch ms | ours / plain | ours / PyTorch |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (string method in BenchShape.Methods)
        {
            Row(r, method, "inference, 1 clip", Time(r.Inference), torch, "F1", "F3");
            Row(r, method, "training step, 2 clips", Time(r.TrainingStep), torch, "F1", "F3");
        }
        Console.WriteLine();
        Console.WriteLine("| method | peak RSS (VmHWM) | ours MiB | plain TorchSharp MiB | PyTorch MiB | ours / plain | ours / PyTorch |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (string method in BenchShape.Methods)
        {
            Row(r, method, "after inference", Memory(r.PeakRssAfterInference), torch, "F0", "F2");
            Row(r, method, "after training (process)", Memory(r.PeakRss), torch, "F0", "F2");
        }
        Console.WriteLine();
        PrintTargets(r, torch);
    }

    private static Func<string, string, double> Time(FigureOf figure) => (c, m) => figure(c, m).Time;

    private static Func<string, string, double> Memory(FigureOf figure) => (c, m) => figure(c, m).Memory;

    private static void Row(ModelsResults r, string method, string phase, Func<string, string, double> value, bool torch, string format, string ratioFormat)
    {
        if (!r.Has("ours", method) || !r.Has("plain", method)) return;
        double ours = value("ours", method), plain = value("plain", method);
        bool hasTorch = torch && r.Has("pytorch", method);
        string theirs = hasTorch ? Figure.Format(value("pytorch", method), format) : "-";
        string vsTorch = hasTorch ? Figure.Format(ours / value("pytorch", method), ratioFormat) : "-";
        Console.WriteLine($"| {method.ToUpperInvariant()} | {phase} | {Figure.Format(ours, format)} | {Figure.Format(plain, format)} | {theirs} | {Figure.Format(ours / plain, ratioFormat)} | {vsTorch} |");
    }

    private static void PrintTargets(ModelsResults r, bool torch)
    {
        Console.WriteLine("| target | figure of this run | met |");
        Console.WriteLine("|---|---|---|");
        foreach (string method in BenchShape.Methods.Where(m => r.Has("ours", m) && r.Has("plain", m)))
            foreach (var (phase, figure) in new (string, FigureOf)[] { ("inference", r.Inference), ("training step", r.TrainingStep) })
            {
                double overhead = figure("ours", method).Time / figure("plain", method).Time - 1;
                Console.WriteLine(Invariant($"| ours <= 5% over plain TorchSharp, {method.ToUpperInvariant()} {phase} | {overhead * 100:+0.0;-0.0}% | {Met(overhead <= MaxOverhead)} |"));
            }
        foreach (string contender in new[] { "ours", "plain", "pytorch" }.Where(c => r.Has(c, "gsf") && r.Has(c, "tsm")))
        {
            double throughputRatio = r.Inference(contender, "tsm").Time / r.Inference(contender, "gsf").Time;
            string met = contender == "ours" ? Met(throughputRatio >= MinGsfOverTsm) : "(for comparison)";
            Console.WriteLine(Invariant($"| GSF inference >= 0.9x TSM's throughput, {contender} | {throughputRatio:F2}x | {met} |"));
        }
        if (!torch) return;
        foreach (string method in BenchShape.Methods.Where(m => r.Has("ours", m) && r.Has("pytorch", m)))
        {
            double ratio = r.PeakRss("ours", method).Memory / r.PeakRss("pytorch", method).Memory;
            Console.WriteLine(Invariant($"| training peak memory <= 1.2x PyTorch's, {method.ToUpperInvariant()} | {ratio:F2}x | {Met(ratio <= MaxMemoryOverPyTorch)} |"));
        }
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
