using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Pulls a batch sequence on a background thread, at most <c>capacity</c> batches ahead of the consumer, and hands
/// them out in order. Decoding (the caller's enumerator) thus overlaps the training step. An exception of the
/// producer reaches the consumer after the batches produced before it; leaving the enumeration early (or
/// cancelling) stops the producer and waits for it, so no thread outlives the epoch.
/// </summary>
internal static class BatchPrefetcher
{
    /// <summary>The batches of <paramref name="produce"/>, prefetched; <paramref name="capacity"/> 0 reads on the caller's thread.</summary>
    /// <param name="produce">Starts the sequence, given the token that stops it.</param>
    /// <param name="capacity">Batches held ahead of the consumer.</param>
    /// <param name="cancellationToken">Stops producer and consumer (the consumer gets <see cref="OperationCanceledException"/>).</param>
    public static IEnumerable<ClipBatch> Prefetch(Func<CancellationToken, IEnumerable<ClipBatch>> produce, int capacity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return capacity == 0 ? Inline(produce, cancellationToken) : Background(produce, capacity, cancellationToken);
    }

    private static IEnumerable<ClipBatch> Inline(Func<CancellationToken, IEnumerable<ClipBatch>> produce, CancellationToken cancellationToken)
    {
        foreach (var batch in produce(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }
    }

    private static IEnumerable<ClipBatch> Background(Func<CancellationToken, IEnumerable<ClipBatch>> produce, int capacity, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<ClipBatch>(capacity);
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                foreach (var batch in produce(stop.Token)) queue.Add(batch, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped by the consumer or the caller: nothing to report.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "MLVideo batch prefetch" };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return batch;
            }
            failure?.Throw();
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}
