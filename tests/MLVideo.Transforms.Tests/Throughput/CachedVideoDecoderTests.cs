using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Tests.Support;
using MLVideo.Transforms.Throughput;

namespace MLVideo.Transforms.Tests.Throughput;

[TestClass]
public sealed class CachedVideoDecoderTests
{
    /// <summary>Counts full decodes so the test can prove the second epoch decodes nothing.</summary>
    private sealed class CountingDecoder(IVideoDecoder inner) : IVideoDecoder
    {
        public int Decodes;
        public VideoInfo Probe(string path) => inner.Probe(path);
        public FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size = null) { Interlocked.Increment(ref Decodes); return inner.ReadFrames(video, indices, size); }
        public FrameStack ReadAllFrames(VideoInfo video, FrameSize? size = null) { Interlocked.Increment(ref Decodes); return inner.ReadAllFrames(video, size); }
    }

    private static readonly string[] Files = ["decord_video_0.mov", "filescraper_valid__h264_aac.mp4", "imageio_realshort.mp4"];

    private static void RunEpochs(IFrameCache cache, out int firstEpoch, out int secondEpoch)
    {
        var counting = new CountingDecoder(new VideoBackend());
        var cached = new CachedVideoDecoder(counting, cache, shortSide: 64);
        var videos = Files.Select(f => counting.Probe(TestVideos.PathOf(f))).ToArray();
        var sampling = FrameSampling.Segments(4);
        var rng = new Random(1);
        foreach (var v in videos) Assert.AreEqual(4, cached.ReadFrames(v, sampling.Sample(v.FrameCount, false, rng)).Count);
        firstEpoch = counting.Decodes;
        foreach (var v in videos) Assert.AreEqual(64, Math.Min(cached.ReadFrames(v, sampling.Sample(v.FrameCount, false, rng)).Width, 64));
        secondEpoch = counting.Decodes - firstEpoch;
    }

    [TestMethod]
    public void MemoryCache_SecondEpochDecodesNothing()
    {
        RunEpochs(new MemoryFrameCache(), out int first, out int second);
        Assert.AreEqual(3, first);
        Assert.AreEqual(0, second);
    }

    [TestMethod]
    public void DiskCache_SecondEpochAndNewInstanceDecodeNothing()
    {
        string dir = TestVideos.NewTempFolder();
        try
        {
            RunEpochs(new DiskFrameCache(dir), out int first, out int second);
            Assert.AreEqual(3, first);
            Assert.AreEqual(0, second);
            RunEpochs(new DiskFrameCache(dir), out first, out second); // a later run reuses the files
            Assert.AreEqual(0, first + second);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void CachedFrames_EqualDirectDecodeAtTheSameSize()
    {
        var backend = new VideoBackend();
        VideoInfo info = backend.Probe(TestVideos.PathOf("filescraper_valid__h264_aac.mp4"));
        var cached = new CachedVideoDecoder(backend, new MemoryFrameCache(), shortSide: 90);
        int[] idx = [3, 3, 17, 29];
        FrameStack a = cached.ReadFrames(info, idx);
        FrameStack b = backend.ReadFrames(info, idx, new FrameSize(160, 90));
        Assert.AreEqual(b.Size, a.Size);
        CollectionAssert.AreEqual(b.Pixels, a.Pixels);
        CollectionAssert.AreEqual(idx, a.SourceIndices.ToArray());
    }

    [TestMethod]
    public void MemoryCache_OverBudget_DeclinesNewEntries()
    {
        var cache = new MemoryFrameCache(maxBytes: 100);
        cache.Set("a", FrameStack.Allocate(4, 4, 2)); // 96 bytes
        cache.Set("b", FrameStack.Allocate(2, 2, 1)); // 12 bytes: over budget
        Assert.IsTrue(cache.TryGet("a", out _));
        Assert.IsFalse(cache.TryGet("b", out _));
        Assert.AreEqual(96, cache.Bytes);
    }

    [TestMethod]
    public void DiskCache_CorruptEntry_IsAMiss()
    {
        string dir = TestVideos.NewTempFolder();
        try
        {
            var cache = new DiskFrameCache(dir);
            var stack = FrameStack.Allocate(3, 2, 2, [5, 9]);
            new Random(1).NextBytes(stack.Pixels);
            cache.Set("k", stack);
            Assert.IsTrue(cache.TryGet("k", out var back));
            CollectionAssert.AreEqual(stack.Pixels, back!.Pixels);
            CollectionAssert.AreEqual(new[] { 5, 9 }, back.SourceIndices.ToArray());
            string file = Directory.GetFiles(dir).Single();
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..30]);
            Assert.IsFalse(cache.TryGet("k", out _));
        }
        finally { Directory.Delete(dir, true); }
    }
}
