using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class BatchPrefetcherTests
{
    private static ClipBatch Batch(int index) => new([index], [index], [1, 1]);

    [TestMethod]
    public void Prefetch_ManyBatches_KeepsTheSourceOrder()
    {
        var read = BatchPrefetcher.Prefetch(_ => Enumerable.Range(0, 200).Select(Batch), capacity: 3, default).Select(b => (int)b.Labels[0]).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(0, 200).ToArray(), read);
    }

    [TestMethod]
    public void Prefetch_SlowConsumer_ProducerStaysWithinCapacity()
    {
        int produced = 0, consumed = 0, worstLead = 0;
        IEnumerable<ClipBatch> Source(CancellationToken _)
        {
            for (int i = 0; i < 20; i++)
            {
                Interlocked.Increment(ref produced);
                yield return Batch(i);
            }
        }
        foreach (var _ in BatchPrefetcher.Prefetch(Source, capacity: 2, default))
        {
            Thread.Sleep(5);   // let the producer run ahead as far as it can
            worstLead = Math.Max(worstLead, Volatile.Read(ref produced) - ++consumed);
        }
        // Two batches queued plus the one the producer holds while it waits for room.
        Assert.IsTrue(worstLead <= 3, $"the producer ran {worstLead} batches ahead with capacity 2");
        Assert.IsTrue(worstLead >= 1, "the producer works ahead of the consumer");
    }

    [TestMethod]
    public void Prefetch_Source_RunsOnAnotherThread()
    {
        int producerThread = -1;
        IEnumerable<ClipBatch> Source(CancellationToken _)
        {
            producerThread = Environment.CurrentManagedThreadId;
            yield return Batch(0);
        }
        _ = BatchPrefetcher.Prefetch(Source, capacity: 1, default).ToList();
        Assert.AreNotEqual(Environment.CurrentManagedThreadId, producerThread);
    }

    [TestMethod]
    public void Prefetch_ProducerThrows_ConsumerGetsEarlierBatchesThenTheError()
    {
        IEnumerable<ClipBatch> Source(CancellationToken _)
        {
            yield return Batch(0);
            yield return Batch(1);
            throw new InvalidDataException("clip 2 is corrupt");
        }
        var seen = new List<long>();
        var e = Assert.ThrowsExactly<InvalidDataException>(() =>
        {
            foreach (var b in BatchPrefetcher.Prefetch(Source, capacity: 4, default)) seen.Add(b.Labels[0]);
        });
        Assert.AreEqual("clip 2 is corrupt", e.Message);
        CollectionAssert.AreEqual(new long[] { 0, 1 }, seen.ToArray());
    }

    [TestMethod]
    public void Prefetch_ConsumerStopsEarly_ProducerIsStoppedAndJoined()
    {
        bool finished = false;
        IEnumerable<ClipBatch> Source(CancellationToken token)
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    token.ThrowIfCancellationRequested();
                    yield return Batch(i);
                }
            }
            finally
            {
                finished = true;
            }
        }
        var firstThree = BatchPrefetcher.Prefetch(Source, capacity: 2, default).Take(3).Count();
        Assert.AreEqual(3, firstThree);
        Assert.IsTrue(finished, "leaving the enumeration ends the producer before returning");
    }

    [TestMethod]
    public void Prefetch_Cancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        IEnumerable<ClipBatch> Endless(CancellationToken token)
        {
            for (int i = 0; ; i++)
            {
                token.ThrowIfCancellationRequested();
                yield return Batch(i);
            }
        }
        int count = 0;
        Assert.ThrowsExactly<OperationCanceledException>(() =>
        {
            foreach (var _ in BatchPrefetcher.Prefetch(Endless, capacity: 2, cancel.Token))
                if (++count == 5) cancel.Cancel();
        });
        Assert.AreEqual(5, count);
    }
}
