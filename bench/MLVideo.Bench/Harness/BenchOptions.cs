using System.Globalization;

namespace MLVideo.Bench.Harness;

/// <summary>The command line: suites to run, repetitions, threads, and the child-process role.</summary>
public sealed class BenchOptions
{
    /// <summary>Suites named on the command line (lower case).</summary>
    public List<string> Suites { get; } = [];

    /// <summary>Rounds: each round runs every contender once per model, in a rotated order. Default 3.</summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>Timed iterations per case and process (each figure is a median of these). Default 10.</summary>
    public int Repeats { get; private set; } = 10;

    /// <summary>Untimed iterations before the timed ones. Default 3.</summary>
    public int Warmup { get; private set; } = 3;

    /// <summary>Threads of libtorch's CPU kernels in every contender (torch.set_num_threads). Default 2.</summary>
    public int Threads { get; private set; } = 2;

    /// <summary>False with --no-pytorch: PyTorch is not run and its columns stay empty.</summary>
    public bool WithPyTorch { get; private set; } = true;

    /// <summary>Interpreter with Debian's python3-torch.</summary>
    public string Python { get; private set; } = "/usr/bin/python3";

    /// <summary>Set in a child process: which contender it measures (ours, plain).</summary>
    public string? Child { get; private set; }

    /// <summary>Set in a child process: which method it measures (tsn, tsm, gsf).</summary>
    public string? Method { get; private set; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming a bad argument.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Count() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a positive whole number, got '{args[i]}'.");
            switch (args[i])
            {
                case "--rounds": o.Rounds = Count(); break;
                case "--repeats": o.Repeats = Count(); break;
                case "--warmup": o.Warmup = Count(); break;
                case "--threads": o.Threads = Count(); break;
                case "--no-pytorch": o.WithPyTorch = false; break;
                case "--python": o.Python = Next(); break;
                case "--child": o.Child = Next(); break;
                case "--method": o.Method = Next(); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unknown option {args[i]}.");
                    o.Suites.Add(args[i].ToLowerInvariant());
                    break;
            }
        }
        return o;
    }
}
