using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Readers;

/// <summary>
/// Checks videos before training: for each file, does it open, how many frames, fps and size, and do the frames a
/// sampler would pick actually decode. Never throws for a bad video: the failure goes in the report.
/// </summary>
public static class VideoChecker
{
    /// <summary>Checks every path (in order) using test-mode <paramref name="sampling"/> (default TSN 8 segments).</summary>
    /// <param name="paths">Video files or frame folders.</param>
    /// <param name="backend">Backend to use (default options when null).</param>
    /// <param name="sampling">Which frames to decode per video.</param>
    /// <param name="maxDegreeOfParallelism">Videos checked at once (each runs its own ffmpeg).</param>
    public static IReadOnlyList<VideoCheckReport> Check(IEnumerable<string> paths, VideoBackend? backend = null, FrameSampling? sampling = null,
        int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(paths);
        backend ??= new VideoBackend();
        sampling ??= FrameSampling.Segments(8);
        string[] list = paths.ToArray();
        var reports = new VideoCheckReport[list.Length];
        Parallel.For(0, list.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) },
            i => reports[i] = CheckOne(list[i], backend, sampling));
        return reports;
    }

    /// <summary>Checks one video.</summary>
    public static VideoCheckReport CheckOne(string path, VideoBackend backend, FrameSampling sampling)
    {
        VideoInfo info;
        try
        {
            info = backend.Probe(path);
        }
        catch (InvalidVideoException e)
        {
            return new VideoCheckReport { Path = path, Reason = e.Reason, Error = e.Message };
        }
        var report = new VideoCheckReport
        {
            Path = path, Opens = true, FrameCount = info.FrameCount, FrameRate = info.FrameRate, Width = info.Width, Height = info.Height,
        };
        try
        {
            int[] indices = sampling.Sample(info.FrameCount, testMode: true, new Random(0));
            FrameStack frames = backend.ReadFrames(info, indices);
            return frames.Count == indices.Length
                ? report with { DecodesSampledFrames = true }
                : report with { Reason = InvalidVideoReason.DecodeFailed, Error = $"Video '{path}': {frames.Count} of {indices.Length} sampled frames decoded" };
        }
        catch (InvalidVideoException e)
        {
            return report with { Reason = e.Reason, Error = e.Message };
        }
    }
}
