// Benchmarks entry point: `dotnet run -c Release --project bench/MLVideo.Bench -- <suite> [--repeats N] [--no-pytorch]`.
using MLVideo.Bench.Harness;

var suites = typeof(IBenchSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name)
    .ToList();

int repeats = 10;
bool withPyTorch = true;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--repeats" && i + 1 < args.Length) repeats = int.Parse(args[++i]);
    else if (args[i] == "--no-pytorch") withPyTorch = false;
    else names.Add(args[i].ToLowerInvariant());
}

if (names.Count == 0)
{
    Console.WriteLine("usage: MLVideo.Bench <suite>... | all [--repeats N] [--no-pytorch]");
    foreach (var s in suites) Console.WriteLine($"  {s.Name,-12} {s.Description}");
    return 2;
}

var context = new BenchContext { Repeats = repeats, WithPyTorch = withPyTorch };
int exitCode = 0;
foreach (var suite in suites.Where(s => names.Contains("all") || names.Contains(s.Name)))
{
    Console.WriteLine($"== {suite.Name}: {suite.Description}");
    exitCode |= suite.Run(context);
}
return exitCode;
