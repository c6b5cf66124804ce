namespace MLVideo.Bench.Harness;

/// <summary>A named benchmark suite. Suites are discovered by reflection so each lives in its own file.</summary>
public interface IBenchSuite
{
    /// <summary>Name used on the command line (lower case, e.g. "gemm").</summary>
    string Name { get; }

    /// <summary>One line shown by the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the suite and prints its table; returns the process exit code.</summary>
    int Run(BenchContext context);
}
