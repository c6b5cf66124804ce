using System.Diagnostics;
using MLVideo.Bench.Harness;
using MLVideo.Transforms;

namespace MLVideo.Bench.Suites;

/// <summary>
/// Video input throughput on the shared sample videos: sampling + decoding 8 frames (TSN test centres) at short side 112 through
/// MLVideo, against running the identical ffmpeg command alone (output discarded); then clips per second with 1 and 2 prefetch workers.
/// </summary>
public sealed class DecodeSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "decode";

    /// <inheritdoc />
    public string Description => "sample+decode 8 frames at 112 px per sample video vs the same ffmpeg command alone; clips/s with 1 and 2 workers";

    /// <inheritdoc />
    public int Run(BenchContext context)
    {
        string? folder = FindVideos();
        if (folder is null)
        {
            Console.WriteLine("decode: shared/data/videos not found (walked up from the bench; or set MLVIDEO_SHARED_VIDEOS).");
            return 1;
        }
        var backend = new VideoBackend();
        var decoder = new FfmpegVideoDecoder();
        var sampling = FrameSampling.Segments(8);
        string[] files = Directory.GetFiles(folder).Where(f => VideoFolderScanner.DefaultExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToArray();

        long probeStart = Stopwatch.GetTimestamp();
        VideoInfo[] videos = files.Select(backend.Probe).ToArray();
        double probeMs = Stopwatch.GetElapsedTime(probeStart).TotalMilliseconds;
        var jobs = videos.Select(v => (Video: v, Indices: sampling.Sample(v.FrameCount, testMode: true, new Random(0)), Size: v.Size.WithShortSide(112))).ToArray();

        Console.WriteLine($"{videos.Length} videos in {folder}; probing all once: {probeMs:F0} ms ({probeMs / videos.Length:F1} ms/video, not in the timings below)");
        // Interleave the two sides video by video (alternating which goes first) so the load of a shared machine hits both alike.
        int repeats = Math.Max(3, context.Repeats), n = jobs.Length;
        var ours = new double[n, repeats];
        var alone = new double[n, repeats];
        var oursPass = new double[repeats];
        var alonePass = new double[repeats];
        var arguments = jobs.Select(j => decoder.DecodeArguments(j.Video, j.Indices, j.Size)).ToArray();
        for (int i = 0; i < n; i++) { backend.ReadFrames(jobs[i].Video, jobs[i].Indices, jobs[i].Size); RunAlone(arguments[i]); } // warm-up
        for (int r = 0; r < repeats; r++)
        {
            for (int i = 0; i < n; i++)
            {
                var job = jobs[i];
                for (int side = 0; side < 2; side++)
                {
                    bool oursNow = (side == 0) == (r % 2 == 0);
                    long t0 = Stopwatch.GetTimestamp();
                    if (oursNow) backend.ReadFrames(job.Video, job.Indices, job.Size);
                    else RunAlone(arguments[i]);
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (oursNow) { ours[i, r] = ms; oursPass[r] += ms; }
                    else { alone[i, r] = ms; alonePass[r] += ms; }
                }
            }
        }
        Console.WriteLine($"{"video",-44} {"frames",7} {"ours ms",9} {"ffmpeg ms",10} {"overhead",9}   (medians of {repeats})");
        for (int i = 0; i < n; i++)
        {
            double o = Median(Row(ours, i)), a = Median(Row(alone, i));
            Console.WriteLine($"{Path.GetFileName(jobs[i].Video.Path),-44} {jobs[i].Video.FrameCount,7} {o,9:F1} {a,10:F1} {100 * (o / a - 1),8:F1}%");
        }
        double oursTotal = Median(oursPass), ffmpegTotal = Median(alonePass);
        double overhead = 100 * (oursTotal / ffmpegTotal - 1);
        Console.WriteLine($"{"TOTAL (median of per-pass sums)",-44} {"",7} {oursTotal,9:F1} {ffmpegTotal,10:F1} {overhead,8:F1}%   target <= 10%");

        foreach (int workers in new[] { 1, 2 })
        {
            double ms = Timing.MedianMilliseconds(() =>
            {
                foreach (var clip in Prefetch.Ordered(jobs, j => backend.ReadFrames(j.Video, j.Indices, j.Size), workers, capacity: 2 * workers))
                    GC.KeepAlive(clip);
            }, Math.Max(3, context.Repeats / 3), 1);
            Console.WriteLine($"prefetch workers={workers}: {jobs.Length / (ms / 1000):F1} clips/s ({ms:F0} ms for {jobs.Length} clips of 8 frames)");
        }
        return overhead <= 10 ? 0 : 1;
    }

    private static double[] Row(double[,] values, int i) => Enumerable.Range(0, values.GetLength(1)).Select(r => values[i, r]).ToArray();

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /// <summary>The same ffmpeg command with its raw output read and discarded: the floor any wrapper can reach.</summary>
    private static void RunAlone(IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(Stream.Null);
        p.WaitForExit();
        _ = err.Result;
        if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + err.Result);
    }

    private static string? FindVideos()
    {
        string? env = Environment.GetEnvironmentVariable("MLVIDEO_SHARED_VIDEOS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (string c in new[] { Path.Combine(dir.FullName, "shared", "data", "videos"), Path.Combine(dir.FullName, "..", "shared", "data", "videos") })
                if (Directory.Exists(c)) return Path.GetFullPath(c);
        return null;
    }
}
