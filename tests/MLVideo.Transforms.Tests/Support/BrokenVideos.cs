using System.Diagnostics;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Tests.Support;

/// <summary>Creates the broken inputs every reader must survive, in a temporary folder.</summary>
internal sealed class BrokenVideos : IDisposable
{
    public BrokenVideos()
    {
        Folder = TestVideos.NewTempFolder();
        ZeroBytes = Path.Combine(Folder, "zero bytes.mp4");
        File.WriteAllBytes(ZeroBytes, []);

        Truncated = Path.Combine(Folder, "truncated.mp4");
        byte[] whole = File.ReadAllBytes(TestVideos.PathOf("mmskeleton_ta_chi.mp4"));
        File.WriteAllBytes(Truncated, whole[..(whole.Length / 3)]);

        TextAsMp4 = Path.Combine(Folder, "notes.mp4");
        File.WriteAllText(TextAsMp4, "This is a text file, not a video.\n");

        Missing = Path.Combine(Folder, "does-not-exist.mp4");

        Directory = Path.Combine(Folder, "a folder.mp4");
        System.IO.Directory.CreateDirectory(Directory);

        AudioOnly = Path.Combine(Folder, "audio only.mp4");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", "file:" + AudioOnly })
            psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) Assert.Fail("could not create the audio-only test file with ffmpeg: " + err);
        }
    }

    public string Folder { get; }
    public string ZeroBytes { get; }
    public string Truncated { get; }
    public string TextAsMp4 { get; }
    public string Missing { get; }
    public string Directory { get; }
    public string AudioOnly { get; }

    public IEnumerable<(string Path, InvalidVideoReason Reason)> All =>
    [
        (ZeroBytes, InvalidVideoReason.Empty),
        (Truncated, InvalidVideoReason.Unreadable),
        (TextAsMp4, InvalidVideoReason.Unreadable),
        (Missing, InvalidVideoReason.Missing),
        (Directory, InvalidVideoReason.Directory),
        (AudioOnly, InvalidVideoReason.NoVideoStream),
    ];

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
