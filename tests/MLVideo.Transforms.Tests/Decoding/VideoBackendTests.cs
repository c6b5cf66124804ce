using System.Security.Cryptography;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Decoding;

[TestClass]
public sealed class VideoBackendTests
{
    private static readonly VideoBackend Backend = new();

    [TestMethod]
    public void Probe_EverySampleVideo_MatchesReadmeSizeRotationAndDecodedFrameCount()
    {
        var failures = new List<string>();
        var rows = TestVideos.GroundTruth();
        Assert.AreEqual(30, rows.Count, "ground_truth.csv should list the 30 sample videos");
        foreach (var row in rows)
        {
            string path = TestVideos.PathOf(row.File);
            VideoInfo info = Backend.Probe(path);
            if (info.Width != row.OutWidth || info.Height != row.OutHeight) failures.Add($"{row.File}: size {info.Size}, README {row.OutWidth}x{row.OutHeight}");
            if (info.Rotation != row.Rotation) failures.Add($"{row.File}: rotation {info.Rotation}, README {row.Rotation}");
            // Count every decoded frame at a tiny size (the count does not depend on scaling; native 1080p would need 640 MB).
            FrameStack all = Backend.ReadAllFrames(info, new FrameSize(16, 16));
            if (all.Count != row.PassthroughFrames) failures.Add($"{row.File}: decoded {all.Count} frames, README passthrough {row.PassthroughFrames}");
        }
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    public void ReadFrames_FirstFrameOfEverySampleVideo_HashesToReadmeMd5()
    {
        var failures = new List<string>();
        foreach (var row in TestVideos.GroundTruth())
        {
            string path = TestVideos.PathOf(row.File);
            VideoInfo info = Backend.Probe(path);
            FrameStack first = Backend.ReadFrames(info, [0]);
            Assert.AreEqual(row.OutWidth, first.Width, row.File);
            string md5 = Convert.ToHexStringLower(MD5.HashData(first.Frame(0)));
            if (md5 != row.FirstFrameMd5) failures.Add($"{row.File}: md5 {md5}, README {row.FirstFrameMd5}");
        }
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    public void Probe_WebmWithoutContainerCount_CountsPackets()
    {
        VideoInfo info = Backend.Probe(TestVideos.PathOf("libwebm_bbb_480p_vp9_opus_1second.webm"));
        Assert.AreEqual(24, info.FrameCount);
        Assert.AreEqual(FrameCountSource.CountedPackets, info.FrameCountSource);
        Assert.AreEqual("vp9", info.Codec);
        Assert.IsTrue(info.HasAudio);
        Assert.AreEqual(24.0, info.FrameRate, 1e-9);
    }

    [TestMethod]
    public void Probe_RotatedMov_SwapsWidthAndHeight()
    {
        VideoInfo info = Backend.Probe(TestVideos.PathOf("decord_video_90.mov"));
        Assert.AreEqual(568, info.CodedWidth);
        Assert.AreEqual(320, info.CodedHeight);
        Assert.AreEqual(new FrameSize(320, 568), info.Size);
        Assert.AreEqual(3, info.FrameCount);
    }

    [TestMethod]
    public void ReadFrames_ChosenIndicesWithRepeats_ReturnsThemInRequestedOrder()
    {
        VideoInfo info = Backend.Probe(TestVideos.PathOf("filescraper_valid__h264_aac.mp4"));
        FrameStack all = Backend.ReadAllFrames(info);
        int[] wanted = [7, 2, 2, 29, 0];
        FrameStack some = Backend.ReadFrames(info, wanted);
        CollectionAssert.AreEqual(wanted, some.SourceIndices.ToArray());
        for (int i = 0; i < wanted.Length; i++)
            Assert.IsTrue(all.Frame(wanted[i]).SequenceEqual(some.Frame(i)), $"frame {wanted[i]} differs between full and selective decode");
    }

    [TestMethod]
    public void ReadFrames_WithSize_ResizesInsideFfmpeg()
    {
        VideoInfo info = Backend.Probe(TestVideos.PathOf("mmskeleton_ta_chi.mp4"));
        FrameStack clip = Backend.ReadFrames(info, [0, 100, 299], new FrameSize(149, 112));
        Assert.AreEqual(3, clip.Count);
        Assert.AreEqual(149, clip.Width);
        Assert.AreEqual(112, clip.Height);
    }

    [TestMethod]
    public void ReadFrames_IndicesPastTheDecodedEnd_RepeatLastDecodedFrame()
    {
        // The header says 87 frames but only 82 decode: indices 82..86 must not fail, they take frame 81.
        VideoInfo info = Backend.Probe(TestVideos.PathOf("hfdatasets_test_video_66x50.mov"));
        Assert.AreEqual(87, info.FrameCount);
        FrameStack clip = Backend.ReadFrames(info, [80, 81, 86]);
        CollectionAssert.AreEqual(new[] { 80, 81, 81 }, clip.SourceIndices.ToArray());
        Assert.IsTrue(clip.Frame(1).SequenceEqual(clip.Frame(2)));
    }

    [TestMethod]
    public void FrameFolder_MmactionRawframes_ReadsTenFrames()
    {
        VideoInfo info = Backend.Probe(TestVideos.RawFrames);
        Assert.IsTrue(info.IsFrameFolder);
        Assert.AreEqual(10, info.FrameCount);
        Assert.AreEqual(new FrameSize(320, 240), info.Size);
        FrameStack all = Backend.ReadAllFrames(info);
        Assert.AreEqual(10, all.Count);
        FrameStack some = Backend.ReadFrames(info, [9, 0]);
        Assert.IsTrue(all.Frame(9).SequenceEqual(some.Frame(0)));
        Assert.IsTrue(all.Frame(0).SequenceEqual(some.Frame(1)));
    }

    [TestMethod]
    public void FrameFolder_FlowTemplate_ReadsFiveFrames()
    {
        var backend = new VideoBackend(new VideoBackendOptions { FrameFolder = new FrameFolderOptions { FileNameTemplate = "x_{0:D5}.jpg" } });
        VideoInfo info = backend.Probe(TestVideos.RawFrames);
        Assert.AreEqual(5, info.FrameCount);
        Assert.AreEqual(5, backend.ReadAllFrames(info, new FrameSize(32, 24)).Count);
    }

    [TestMethod]
    public void Decode_FileNamesWithLeadingDashAndSpaces_Work()
    {
        string dir = TestVideos.NewTempFolder();
        try
        {
            string odd = Path.Combine(dir, "-i odd name; rm -rf x.mp4");
            File.Copy(TestVideos.PathOf("decord_video_0.mov"), odd);
            VideoInfo info = Backend.Probe(odd);
            Assert.AreEqual(3, Backend.ReadAllFrames(info).Count);
            // Relative path starting with '-' too.
            string previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = dir;
            try { Assert.AreEqual(3, Backend.Probe("-i odd name; rm -rf x.mp4").FrameCount); }
            finally { Environment.CurrentDirectory = previous; }
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void Probe_MissingProgram_ThrowsFfmpegNotFoundSayingHowToInstall()
    {
        var backend = new VideoBackend(new VideoBackendOptions { FfprobePath = "/nonexistent/ffprobe-mlvideo" });
        var e = Assert.ThrowsExactly<FfmpegNotFoundException>(() => backend.Probe(TestVideos.PathOf("decord_video_0.mov")));
        StringAssert.Contains(e.Message, "apt-get install ffmpeg");
    }
}
