using System.Diagnostics;

namespace MLVideo;

/// <summary>Thread-safe running mean of measured model time per video (the network only, not decoding).</summary>
internal sealed class InferenceTimer
{
    private long _ticks;
    private long _count;

    /// <summary>Records one video whose prediction started at <paramref name="startTimestamp"/> (Stopwatch ticks).</summary>
    public void Add(long startTimestamp)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Mean milliseconds per video, NaN before the first.</summary>
    public double MeanMilliseconds
    {
        get
        {
            long n = Interlocked.Read(ref _count);
            return n == 0 ? double.NaN : Interlocked.Read(ref _ticks) * 1000.0 / Stopwatch.Frequency / n;
        }
    }
}
