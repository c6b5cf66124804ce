using System.Globalization;
using MLVideo.Bench.Contenders;
using MLVideo.Bench.Harness;

namespace MLVideo.Bench.Suites;

/// <summary>
/// ResNet-18 TSN/TSM/GSF at 8 x 3 x 112 x 112: inference of one clip and a 2-clip training step, for ours, the same
/// networks written plainly in TorchSharp and Debian's PyTorch 1.13. Every contender x method runs in a process of its
/// own (for its peak memory); the rounds rotate the order of the contenders, so slow phases of a noisy machine do not
/// fall on one contender. The ratios are computed from the figures of this run.
/// </summary>
public sealed class ModelsSuite : IBenchSuite
{
    /// <inheritdoc/>
    public string Name => "models";

    /// <inheritdoc/>
    public string Description => "ResNet-18 TSN/TSM/GSF 8x112^2: inference and 2-clip training step, ours vs plain TorchSharp vs PyTorch (ms, peak RSS, ratios)";

    /// <inheritdoc/>
    public int Run(BenchOptions options)
    {
        var contenders = new List<string> { "ours", "plain" };
        if (options.WithPyTorch) contenders.Add("pytorch");
        else Console.WriteLine("PyTorch not run (--no-pytorch).");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Rounds} rounds; per process {options.Warmup} warm-up + {options.Repeats} timed iterations of each phase; {options.Threads} threads."));

        TorchSharp.torch.set_num_threads(options.Threads);
        foreach (string method in BenchShape.Methods)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Same function: {method} ours vs plain with ours' weights copied in, max |logit difference| {EquivalenceCheck.MaxDifference(method):G3}."));

        var results = new ModelsResults();
        var loads = new List<double>();
        bool failed = false;
        for (int round = 0; round < options.Rounds; round++)
        {
            var order = contenders.Skip(round % contenders.Count).Concat(contenders.Take(round % contenders.Count)).ToList();
            foreach (string method in BenchShape.Methods)
                foreach (string contender in order)
                {
                    if (contender == "pytorch" && !contenders.Contains("pytorch")) continue;
                    if (MachineLoad.OneMinute() is double load) loads.Add(load);
                    var m = ChildProcess.Run(contender, method, options, out string? failure);
                    if (m is null)
                    {
                        Console.WriteLine(failure);
                        if (contender == "pytorch")
                        {
                            Console.WriteLine("Continuing with our figures alone.");
                            contenders.Remove("pytorch");
                        }
                        else failed = true;
                        continue;
                    }
                    results.Add(m);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round + 1} {method} {contender,-7}: inference {Timing.Median(m.InferenceMs),7:F1} ms, training step {Timing.Median(m.TrainStepMs),7:F1} ms, peak RSS {m.PeakRssMiB,6:F0} MiB ({m.Runtime})"));
                }
        }
        if (MachineLoad.OneMinute() is double last) loads.Add(last);
        Console.WriteLine();
        if (loads.Count > 0)
        {
            // The bench itself keeps about `Threads` runnable threads; more means other work shared the cores.
            double highest = loads.Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Machine load (1-minute average, read between processes): {loads.Min():F1}-{highest:F1} on {Environment.ProcessorCount} cores.") +
                (highest > Environment.ProcessorCount + 0.5 ? " Other work ran beside the bench: these figures are noise; run again on a quiet machine." : ""));
        }
        ModelsReport.Print(results, options);
        return failed ? 1 : 0;
    }
}
