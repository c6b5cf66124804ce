using System.Diagnostics;
using MLVideo.Transforms.Synthetic;

namespace MLVideo.Transforms.Tests.Synthetic;

[TestClass]
public sealed class SyntheticActionDatasetTests
{
    [TestMethod]
    public void Generate_WritesDecodableMp4PerClass()
    {
        string root = Path.Combine(Path.GetTempPath(), "mlvideo-synth-" + Guid.NewGuid().ToString("N"));
        try
        {
            var videos = SyntheticActionDataset.Generate(root, new SyntheticDatasetOptions { VideosPerClass = 2, FramesPerVideo = 10 });
            Assert.AreEqual(8, videos.Count);
            foreach (var (path, label) in videos)
            {
                Assert.IsTrue(File.Exists(path), path);
                Assert.AreEqual(label, Path.GetFileName(Path.GetDirectoryName(path)));
            }
            Assert.AreEqual(10, CountFrames(videos[0].Path), "decoded frame count");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Render_PairsHaveSameFrameSetReversed()
    {
        // Same seed: "right" is "left" played backwards (mirror-symmetric path), so single frames cannot tell them apart.
        byte[] left = SyntheticFrameRenderer.Render(SyntheticAction.MoveLeft, 8, 32, 32, new Random(5), noise: 0);
        byte[] right = SyntheticFrameRenderer.Render(SyntheticAction.MoveRight, 8, 32, 32, new Random(5), noise: 0);
        int frame = 32 * 32 * 3;
        for (int f = 0; f < 8; f++)
            CollectionAssert.AreEqual(left.AsSpan(f * frame, frame).ToArray(), right.AsSpan((7 - f) * frame, frame).ToArray(), $"frame {f}");
        CollectionAssert.AreNotEqual(left.AsSpan(0, frame).ToArray(), right.AsSpan(0, frame).ToArray());
    }

    private static int CountFrames(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return int.Parse(output.Trim());
    }
}
