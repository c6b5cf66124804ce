using System.Diagnostics;
using System.Globalization;
using MLVideo;
using MLVideo.Bench.Harness;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Readers;
using MLVideo.Transforms.Throughput;

namespace MLVideo.Bench.Suites;

/// <summary>
/// Video input throughput on the shared sample videos: sampling and decoding 8 frames (TSN test centres) at short
/// side 112 through src/Transforms, against running the identical ffmpeg command alone (output read and discarded);
/// then clips per second with 1 and 2 prefetch workers. Ported from the former bench.
/// </summary>
public sealed class DecodeSuite : IBenchSuite
{
    private const double MaxOverheadPercent = 10;

    /// <inheritdoc/>
    public string Name => "decode";

    /// <inheritdoc/>
    public string Description => "sample+decode 8 frames at 112 px per sample video vs the same ffmpeg command alone; clips/s with 1 and 2 workers";

    /// <inheritdoc/>
    public int Run(BenchOptions options)
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
        var extensions = new HashSet<string>(VideoFolderScanner.DefaultExtensions, StringComparer.OrdinalIgnoreCase);
        string[] files = Directory.GetFiles(folder).Where(f => extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray();

        long probeStart = Stopwatch.GetTimestamp();
        VideoInfo[] videos = files.Select(backend.Probe).ToArray();
        double probeMs = Stopwatch.GetElapsedTime(probeStart).TotalMilliseconds;
        var jobs = videos.Select(v => (Video: v, Indices: sampling.Sample(v.FrameCount, testMode: true, new Random(0)), Size: v.Size.WithShortSide(112))).ToArray();
        var arguments = jobs.Select(j => decoder.DecodeArguments(j.Video, j.Indices, j.Size)).ToArray();
        Console.WriteLine(Invariant($"{videos.Length} videos in {folder}; probing all once: {probeMs:F0} ms ({probeMs / videos.Length:F1} ms/video, not in the timings below)"));

        // Interleave the two sides video by video (alternating which goes first) so the load of a shared machine hits both alike.
        int repeats = Math.Max(3, options.Repeats), n = jobs.Length;
        var ours = new double[n][];
        var alone = new double[n][];
        for (int i = 0; i < n; i++) (ours[i], alone[i]) = (new double[repeats], new double[repeats]);
        var oursPass = new double[repeats];
        var alonePass = new double[repeats];
        for (int i = 0; i < n; i++)
        {
            backend.ReadFrames(jobs[i].Video, jobs[i].Indices, jobs[i].Size);   // warm-up
            RunAlone(arguments[i]);
        }
        for (int r = 0; r < repeats; r++)
            for (int i = 0; i < n; i++)
                for (int side = 0; side < 2; side++)
                {
                    bool oursNow = (side == 0) == (r % 2 == 0);
                    long t0 = Stopwatch.GetTimestamp();
                    if (oursNow) backend.ReadFrames(jobs[i].Video, jobs[i].Indices, jobs[i].Size);
                    else RunAlone(arguments[i]);
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (oursNow) { ours[i][r] = ms; oursPass[r] += ms; }
                    else { alone[i][r] = ms; alonePass[r] += ms; }
                }

        Console.WriteLine($"| video | frames | ours ms | ffmpeg alone ms | overhead |");
        Console.WriteLine("|---|---|---|---|---|");
        for (int i = 0; i < n; i++)
        {
            double o = Timing.Median(ours[i]), a = Timing.Median(alone[i]);
            Console.WriteLine(Invariant($"| {Path.GetFileName(jobs[i].Video.Path)} | {jobs[i].Video.FrameCount} | {o:F1} | {a:F1} | {100 * (o / a - 1):+0.0;-0.0}% |"));
        }
        double oursTotal = Timing.Median(oursPass), ffmpegTotal = Timing.Median(alonePass);
        double overhead = 100 * (oursTotal / ffmpegTotal - 1);
        Console.WriteLine(Invariant($"| all (median of {repeats} per-pass sums) | | {oursTotal:F1} | {ffmpegTotal:F1} | {overhead:+0.0;-0.0}% (target <= {MaxOverheadPercent}%) |"));

        foreach (int workers in new[] { 1, 2 })
        {
            double ms = Timing.Median(Timing.Samples(() =>
            {
                foreach (var clip in Prefetch.Ordered(jobs, j => backend.ReadFrames(j.Video, j.Indices, j.Size), workers, capacity: 2 * workers))
                    GC.KeepAlive(clip);
            }, Math.Max(3, options.Repeats / 3), 1));
            Console.WriteLine(Invariant($"prefetch workers={workers}: {jobs.Length / (ms / 1000):F1} clips/s ({ms:F0} ms for {jobs.Length} clips of 8 frames)"));
        }
        return overhead <= MaxOverheadPercent ? 0 : 1;
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

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
