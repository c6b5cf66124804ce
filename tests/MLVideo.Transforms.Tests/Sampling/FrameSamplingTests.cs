
namespace MLVideo.Transforms.Tests.Sampling;

/// <summary>Index lists worked out by hand from the semantics written on <see cref="FrameSampling"/> (mmaction2 SampleFrames / UniformSample).</summary>
[TestClass]
public sealed class FrameSamplingTests
{
    private static int[] Test(FrameSampling s, int frames) => s.Sample(frames, testMode: true, new Random(0));

    [TestMethod]
    public void Segments_TestMode_TakesSegmentCentres()
    {
        CollectionAssert.AreEqual(new[] { 5, 15, 25, 35, 45, 55, 65, 75 }, Test(FrameSampling.Segments(8), 80));
        // avg = 300/8 = 37.5 -> floor(37.5k + 18.75)
        CollectionAssert.AreEqual(new[] { 18, 56, 93, 131, 168, 206, 243, 281 }, Test(FrameSampling.Segments(8), 300));
        // fewer frames than segments: avg = 2/3 -> floor(k*2/3 + 1/3)
        CollectionAssert.AreEqual(new[] { 0, 1, 1 }, Test(FrameSampling.Segments(3), 2));
        CollectionAssert.AreEqual(new[] { 0 }, Test(FrameSampling.Segments(1), 1));
    }

    [TestMethod]
    public void Segments_TrainMode_OneRandomFramePerSegment()
    {
        var s = FrameSampling.Segments(8);
        for (int seed = 0; seed < 50; seed++)
        {
            int[] idx = s.Sample(83, false, new Random(seed)); // avg = 83 div 8 = 10
            for (int k = 0; k < 8; k++)
                Assert.IsTrue(idx[k] >= 10 * k && idx[k] < 10 * k + 10, $"seed {seed}: segment {k} index {idx[k]}");
        }
    }

    [TestMethod]
    public void Segments_TrainMode_SameSeedSameIndices_DifferentSeedsDiffer()
    {
        var s = FrameSampling.Segments(8);
        CollectionAssert.AreEqual(s.Sample(300, false, new Random(7)), s.Sample(300, false, new Random(7)));
        var distinct = new HashSet<string>();
        for (int seed = 0; seed < 10; seed++) distinct.Add(string.Join(",", s.Sample(300, false, new Random(seed))));
        Assert.IsTrue(distinct.Count > 5, "training offsets should vary with the seed");
    }

    [TestMethod]
    public void Segments_TrainMode_FewerFramesThanSegments_RoundsHalfToEven()
    {
        // avg = 5 div 8 = 0 and 5 <= max(8,1): starts = round_half_even(k * 5/8)
        CollectionAssert.AreEqual(new[] { 0, 1, 1, 2, 2, 3, 4, 4 }, FrameSampling.Segments(8).Sample(5, false, new Random(1)));
        // avg = 10 div 8 = 1: uniform[0,1) is always 0 -> consecutive frames
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, FrameSampling.Segments(8).Sample(10, false, new Random(1)));
    }

    [TestMethod]
    public void Segments_TrainMode_BetweenClipsAndSpan_SortedDraws()
    {
        // Dense 2x1x4: span 2, frames 6 -> avg = 5 div 4 = 1 > 0; use span 3 x 3 clips on 5 frames: avg = 3 div 3 = 1.
        // frames 9, clip 4 x interval 2 (span 8), 2 clips: avg = 2 div 2 = 1 -> k + 0.
        CollectionAssert.AreEqual(new[] { 0, 2, 4, 6, 1, 3, 5, 7 }, FrameSampling.Dense(4, 2, 2).Sample(9, false, new Random(3)));
        // frames 12, span 8, 5 clips: avg = 5 div 5 = 1 -> starts 0..4
        int[] idx = FrameSampling.Dense(4, 2, 5).Sample(12, false, new Random(3));
        CollectionAssert.AreEqual(new[] { 0, 2, 4, 6 }, idx[..4]);
        // frames 10, span 8, 4 clips: avg = 3 div 4 = 0 and 10 > max(4, 8): starts are sorted draws in [0, 2]
        for (int seed = 0; seed < 20; seed++)
        {
            int[] d = FrameSampling.Dense(4, 2, 4).Sample(10, false, new Random(seed));
            int[] starts = [d[0], d[4], d[8], d[12]];
            CollectionAssert.AreEqual(starts.Order().ToArray(), starts);
            Assert.IsTrue(starts.All(s => s >= 0 && s <= 2));
        }
    }

    [TestMethod]
    public void Dense_TrainMode_StartInRangeAndStride()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            int[] idx = FrameSampling.Dense(4, 2, 1).Sample(12, false, new Random(seed)); // span 8, avg = 5
            Assert.IsTrue(idx[0] >= 0 && idx[0] < 5);
            CollectionAssert.AreEqual(new[] { idx[0], idx[0] + 2, idx[0] + 4, idx[0] + 6 }, idx);
        }
    }

    [TestMethod]
    public void Dense_TestMode_TenClips()
    {
        // span 64, avg = 237/10 = 23.7: starts floor(23.7k + 11.85)
        int[] idx = Test(FrameSampling.Dense(32, 2, 10), 300);
        Assert.AreEqual(320, idx.Length);
        int[] starts = Enumerable.Range(0, 10).Select(k => idx[k * 32]).ToArray();
        CollectionAssert.AreEqual(new[] { 11, 35, 59, 82, 106, 130, 154, 177, 201, 225 }, starts);
        Assert.AreEqual(225 + 62, idx[^1]);
    }

    [TestMethod]
    public void Dense_ClipLongerThanVideo_LoopsOrRepeatsLast()
    {
        // span 32 > 20 frames: start 0, indices 0,4,...,28
        CollectionAssert.AreEqual(new[] { 0, 4, 8, 12, 16, 0, 4, 8 }, Test(FrameSampling.Dense(8, 4, 1, OutOfRangeFrames.Loop), 20));
        CollectionAssert.AreEqual(new[] { 0, 4, 8, 12, 16, 16, 16, 16 }, Test(FrameSampling.Dense(8, 4, 1, OutOfRangeFrames.RepeatLast), 20));
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0 }, Test(FrameSampling.Dense(4, 1, 1, OutOfRangeFrames.RepeatLast), 1));
    }

    [TestMethod]
    public void Uniform_TestMode_SegmentMiddles()
    {
        // seg = 99/8 = 12.375; bounds 0,12,25,37,50,62,74,87,99 (half to even: 49.5 -> 50)
        CollectionAssert.AreEqual(new[] { 6, 18, 31, 43, 56, 68, 80, 93 }, Test(FrameSampling.Uniform(8), 100));
        // seg = 0.5; bounds 0,0,1,2,2 (1.5 -> 2 half to even)
        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2 }, Test(FrameSampling.Uniform(4), 3));
    }

    [TestMethod]
    public void Uniform_TrainMode_InsideSegmentBounds()
    {
        int[] bounds = [0, 12, 25, 37, 50, 62, 74, 87, 99];
        for (int seed = 0; seed < 30; seed++)
        {
            int[] idx = FrameSampling.Uniform(8).Sample(100, false, new Random(seed));
            for (int i = 0; i < 8; i++) Assert.IsTrue(idx[i] >= bounds[i] && idx[i] <= bounds[i + 1], $"seed {seed} frame {i}: {idx[i]}");
        }
    }

    [TestMethod]
    public void Views_SegmentsAreOneView_DenseClipsAreSeparate()
    {
        Assert.AreEqual(1, FrameSampling.Segments(8).Views);
        Assert.AreEqual(8, FrameSampling.Segments(8).FramesPerView);
        Assert.AreEqual(10, FrameSampling.Dense(32, 2, 10).Views);
        Assert.AreEqual(32, FrameSampling.Dense(32, 2, 10).FramesPerView);
    }

    [TestMethod]
    public void Sample_InvalidArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FrameSampling.Segments(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FrameSampling.Dense(8, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FrameSampling.Segments(8).Sample(0, true, new Random(0)));
    }

    [TestMethod]
    public void Sample_AllSchemesAllSmallCounts_StayInRange()
    {
        FrameSampling[] schemes = [FrameSampling.Segments(8), FrameSampling.Dense(8, 8, 3), FrameSampling.Dense(16, 4, 2, OutOfRangeFrames.RepeatLast), FrameSampling.Uniform(16, 2)];
        foreach (var s in schemes)
            for (int frames = 1; frames < 200; frames++)
                foreach (bool test in new[] { true, false })
                {
                    int[] idx = s.Sample(frames, test, new Random(frames));
                    Assert.AreEqual(s.IndexCount, idx.Length);
                    Assert.IsTrue(idx.All(i => i >= 0 && i < frames), $"{s} frames={frames} test={test}: {string.Join(",", idx)}");
                }
    }
}
