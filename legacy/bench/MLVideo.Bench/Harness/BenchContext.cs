namespace MLVideo.Bench.Harness;

/// <summary>Options shared by all suites (parsed from the command line).</summary>
public sealed class BenchContext
{
    /// <summary>Timed repetitions per case (the median is reported).</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>Untimed warm-up repetitions per case.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>When false, PyTorch is not run (ratios are then not printed).</summary>
    public bool WithPyTorch { get; init; } = true;

    /// <summary>Python interpreter with Debian's python3-torch.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>Folder holding the bench's Python scripts (bench/python).</summary>
    public string PythonScripts { get; init; } = BenchPaths.PythonFolder();
}
