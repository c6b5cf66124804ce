namespace MLVideo.Bench.Harness;

/// <summary>A named benchmark suite, chosen on the command line.</summary>
public interface IBenchSuite
{
    /// <summary>Name used on the command line (lower case, e.g. "models").</summary>
    string Name { get; }

    /// <summary>One line shown by the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the suite and prints its tables; returns the process exit code.</summary>
    int Run(BenchOptions options);
}
