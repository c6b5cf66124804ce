using System.Diagnostics;

namespace MLVideo.Trainers.Training;

/// <summary>Thread-safe running mean of model inference time per video (what the papers call latency).</summary>
internal sealed class InferenceTimer
{
    private long _ticks;
    private long _count;

    public void Add(long startTimestamp)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Mean milliseconds per timed video, or NaN before the first one.</summary>
    public double MeanMilliseconds
    {
        get
        {
            long count = Interlocked.Read(ref _count);
            return count == 0 ? double.NaN : Interlocked.Read(ref _ticks) * 1000.0 / Stopwatch.Frequency / count;
        }
    }
}
