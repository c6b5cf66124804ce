using System.Diagnostics;
using Microsoft.ML;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Transforms.Support;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Estimators.Tests.Transforms;

/// <summary>Bad videos read through the ML.NET pipeline surface as <see cref="InvalidVideoException"/> naming the file and the fault.</summary>
[TestClass]
public sealed class LoadVideoTransformerTests
{
    private static string _folder = "";

    [ClassInitialize]
    public static void CreateFolder(TestContext _) => _folder = SampleVideos.NewTempFolder();

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(_folder, true);

    /// <summary>Reads the Clip column of a one-row pipeline over <paramref name="path"/>.</summary>
    private static InvalidVideoException ReadClipOf(string path, int minimumFrames = 1)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new VideoFolderRow { VideoPath = path, Label = "x" } });
        IDataView clips = ml.Transforms.LoadVideo()
            .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8), testMode: true, minimumFrames: minimumFrames))
            .Fit(data).Transform(data);
        var e = Assert.ThrowsExactly<InvalidVideoException>(() => DataViewReader.Column<VideoClip>(clips, "Clip"), path);
        Assert.AreEqual(path, e.FilePath);
        StringAssert.Contains(e.Message, path);
        return e;
    }

    [TestMethod]
    public void ReadingClip_MissingFile_ThrowsMissing()
    {
        Assert.AreEqual(InvalidVideoReason.Missing, ReadClipOf(Path.Combine(_folder, "gone.mp4")).Reason);
    }

    [TestMethod]
    public void ReadingClip_TextFileNamedMp4_ThrowsUnreadable()
    {
        string path = Path.Combine(_folder, "notes.mp4");
        File.WriteAllText(path, "This is a text file, not a video.\n");
        Assert.AreEqual(InvalidVideoReason.Unreadable, ReadClipOf(path).Reason);
    }

    [TestMethod]
    public void ReadingClip_EmptyFile_ThrowsEmpty()
    {
        string path = Path.Combine(_folder, "zero bytes.mp4");
        File.WriteAllBytes(path, []);
        Assert.AreEqual(InvalidVideoReason.Empty, ReadClipOf(path).Reason);
    }

    [TestMethod]
    public void ReadingClip_TruncatedMp4_ThrowsUnreadableOrDecodeFailed()
    {
        string path = Path.Combine(_folder, "truncated.mp4");
        byte[] whole = File.ReadAllBytes(SampleVideos.PathOf("mmskeleton_ta_chi.mp4"));
        File.WriteAllBytes(path, whole[..(whole.Length / 3)]);
        var reason = ReadClipOf(path).Reason;
        Assert.IsTrue(reason is InvalidVideoReason.Unreadable or InvalidVideoReason.DecodeFailed, reason.ToString());
    }

    [TestMethod]
    public void ReadingClip_AudioOnlyFile_ThrowsNoVideoStream()
    {
        string path = Path.Combine(_folder, "audio only.mp4");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", "file:" + path })
            psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) Assert.Fail("could not create the audio-only test file with ffmpeg: " + err);
        }
        Assert.AreEqual(InvalidVideoReason.NoVideoStream, ReadClipOf(path).Reason);
    }

    [TestMethod]
    public void ReadingClip_FewerFramesThanRequired_ThrowsTooFewFrames()
    {
        // decord_video_0.mov holds 3 frames.
        var e = ReadClipOf(SampleVideos.PathOf("decord_video_0.mov"), minimumFrames: 8);
        Assert.AreEqual(InvalidVideoReason.TooFewFrames, e.Reason);
        StringAssert.Contains(e.Message, "3 frames, at least 8 required");
    }
}
