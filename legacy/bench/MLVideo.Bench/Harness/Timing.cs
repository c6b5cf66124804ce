using System.Diagnostics;

namespace MLVideo.Bench.Harness;

/// <summary>Median wall-clock timing of an action.</summary>
public static class Timing
{
    /// <summary>Runs <paramref name="action"/> warmup + repeats times and returns the median of the timed runs in milliseconds.</summary>
    public static double MedianMilliseconds(Action action, int repeats, int warmup)
    {
        for (int i = 0; i < warmup; i++) action();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : 0.5 * (times[repeats / 2 - 1] + times[repeats / 2]);
    }

    /// <summary>Peak working set of this process so far, in MiB.</summary>
    public static double PeakWorkingSetMiB() => Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
}
