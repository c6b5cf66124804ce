// Benchmarks: `dotnet run -c Release --project bench/MLVideo.Bench -- models [--rounds N] [--repeats N] [--no-pytorch]`.
// `--child <ours|plain> --method <tsn|tsm|gsf>` is how the models suite runs each contender in a process of its own.
using MLVideo.Bench.Contenders;
using MLVideo.Bench.Harness;
using MLVideo.Bench.Suites;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Child is { } child)
{
    string method = options.Method ?? throw new ArgumentException("--child needs --method tsn|tsm|gsf.");
    TorchSharp.torch.set_num_threads(options.Threads);
    var measurement = child switch
    {
        "ours" => OursContender.Measure(method, options),
        "plain" => PlainContender.Measure(method, options),
        _ => throw new ArgumentException($"Unknown contender '{child}' (ours, plain)."),
    };
    Console.WriteLine(measurement.ToJson());
    return 0;
}

IBenchSuite[] suites = [new ModelsSuite(), new DecodeSuite()];
if (options.Suites.Count == 0)
{
    Console.WriteLine("usage: MLVideo.Bench <suite>... | all [--rounds N] [--repeats N] [--warmup N] [--threads N] [--no-pytorch]");
    foreach (var s in suites) Console.WriteLine($"  {s.Name,-8} {s.Description}");
    return 2;
}

int exitCode = 0;
foreach (string name in options.Suites.Where(n => n != "all" && suites.All(s => s.Name != n)))
{
    Console.Error.WriteLine($"Unknown suite '{name}'.");
    exitCode = 2;
}
foreach (var suite in suites.Where(s => options.Suites.Contains("all") || options.Suites.Contains(s.Name)))
{
    Console.WriteLine($"== {suite.Name}: {suite.Description}");
    exitCode |= suite.Run(options);
}
return exitCode;
