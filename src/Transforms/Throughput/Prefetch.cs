namespace MLVideo.Transforms.Throughput;

/// <summary>
/// Runs work ahead of its consumer: items are processed by up to <c>workers</c> threads while at most <c>capacity</c> results
/// wait, and results come out in input order (so training is deterministic whatever the scheduling).
/// </summary>
public static class Prefetch
{
    /// <summary>
    /// Yields <c>work(item)</c> for every item in order, computing up to <paramref name="capacity"/> items ahead on at most
    /// <paramref name="workers"/> threads. An exception from <paramref name="work"/> surfaces when its item is reached.
    /// Stopping the enumeration early waits for the in-flight items, so no decoder process outlives the loop.
    /// </summary>
    public static IEnumerable<TOut> Ordered<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> work, int workers = 2, int capacity = 4)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(work);
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), $"Workers must be >= 1, got {workers}.");
        if (capacity < workers) throw new ArgumentOutOfRangeException(nameof(capacity), $"Capacity ({capacity}) must be >= workers ({workers}).");
        return Run(source, work, workers, capacity);
    }

    private static IEnumerable<TOut> Run<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> work, int workers, int capacity)
    {
        using var gate = new SemaphoreSlim(workers);
        var pending = new Queue<Task<TOut>>(capacity);
        using var items = source.GetEnumerator();
        try
        {
            while (true)
            {
                while (pending.Count < capacity && items.MoveNext())
                {
                    TIn item = items.Current;
                    pending.Enqueue(Task.Run(() =>
                    {
                        gate.Wait();
                        try { return work(item); }
                        finally { gate.Release(); }
                    }));
                }
                if (pending.Count == 0) yield break;
                yield return pending.Dequeue().GetAwaiter().GetResult();
            }
        }
        finally
        {
            // Early exit or failure: let in-flight work finish (their results and errors are discarded).
            foreach (var t in pending)
            {
                try { t.Wait(); }
                catch (AggregateException) { }
            }
        }
    }
}
