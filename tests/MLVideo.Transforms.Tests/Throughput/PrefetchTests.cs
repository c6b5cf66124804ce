using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Throughput;

namespace MLVideo.Transforms.Tests.Throughput;

[TestClass]
public sealed class PrefetchTests
{
    [TestMethod]
    public void Ordered_KeepsInputOrder_AndBoundsWorkersAndLookAhead()
    {
        int running = 0, maxRunning = 0, started = 0, consumed = 0, maxAhead = 0;
        var rng = new Random(3);
        int[] delays = Enumerable.Range(0, 40).Select(_ => rng.Next(0, 6)).ToArray();
        var output = new List<int>();
        foreach (int v in Prefetch.Ordered(Enumerable.Range(0, 40), i =>
                 {
                     int s = Interlocked.Increment(ref started);
                     InterlockedMax(ref maxAhead, s - Volatile.Read(ref consumed));
                     InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
                     Thread.Sleep(delays[i]);
                     Interlocked.Decrement(ref running);
                     return i * 10;
                 }, workers: 2, capacity: 4))
        {
            output.Add(v);
            Interlocked.Increment(ref consumed);
        }
        CollectionAssert.AreEqual(Enumerable.Range(0, 40).Select(i => i * 10).ToArray(), output);
        Assert.IsTrue(maxRunning <= 2, $"{maxRunning} ran at once with 2 workers");
        Assert.IsTrue(maxAhead <= 4, $"{maxAhead} items started ahead of the consumer with capacity 4");
    }

    [TestMethod]
    public void Ordered_WorkerException_SurfacesAtItsItem()
    {
        var seen = new List<int>();
        var e = Assert.ThrowsExactly<InvalidVideoException>(() =>
        {
            foreach (int v in Prefetch.Ordered(Enumerable.Range(0, 10), i =>
                         i == 5 ? throw new InvalidVideoException($"video{i}.mp4", InvalidVideoReason.DecodeFailed, "bad") : i))
                seen.Add(v);
        });
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, seen);
        StringAssert.Contains(e.Message, "video5.mp4");
    }

    [TestMethod]
    public void Ordered_EarlyBreak_WaitsForInFlightWork()
    {
        int running = 0;
        foreach (int _ in Prefetch.Ordered(Enumerable.Range(0, 100), i =>
                 {
                     Interlocked.Increment(ref running);
                     Thread.Sleep(20);
                     Interlocked.Decrement(ref running);
                     return i;
                 }, workers: 2, capacity: 6))
            break;
        Assert.AreEqual(0, Volatile.Read(ref running), "work still running after the loop ended");
    }

    [TestMethod]
    public void Ordered_InvalidArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Prefetch.Ordered(new[] { 1 }, i => i, workers: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Prefetch.Ordered(new[] { 1 }, i => i, workers: 3, capacity: 2));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
