namespace MLVideo.Transforms.Synthetic;

/// <summary>
/// Writes a folder-per-class dataset of real mp4 files showing synthetic actions (for examples,
/// tests and the demo): <c>root/MoveLeft/MoveLeft_000.mp4</c>, ...
/// </summary>
public static class SyntheticActionDataset
{
    /// <summary>Renders and encodes the dataset; returns (path, label) of every video written.</summary>
    /// <param name="rootFolder">Created if needed; existing files of the same names are replaced.</param>
    /// <param name="options">What to write (defaults when null).</param>
    public static IReadOnlyList<(string Path, string Label)> Generate(string rootFolder, SyntheticDatasetOptions? options = null)
    {
        options ??= new SyntheticDatasetOptions();
        if (options.VideosPerClass <= 0) throw new ArgumentOutOfRangeException(nameof(options), "VideosPerClass must be positive.");
        var written = new List<(string, string)>();
        var jobs = new List<(SyntheticAction Action, int Index, string Path)>();
        foreach (var action in options.Actions)
        {
            string folder = Path.Combine(rootFolder, action.ToString());
            Directory.CreateDirectory(folder);
            for (int i = 0; i < options.VideosPerClass; i++)
                jobs.Add((action, i, Path.Combine(folder, $"{action}_{i:D3}.mp4")));
        }
        // Each video has its own generator seeded from (seed, class, index): output does not depend on scheduling.
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var random = new Random(VideoSeed(options.Seed, job.Action, job.Index));
            byte[] rgb = SyntheticFrameRenderer.Render(job.Action, options.FramesPerVideo, options.Width, options.Height, random, options.Noise);
            SyntheticVideoWriter.WriteMp4(job.Path, rgb, options.Width, options.Height, options.FramesPerSecond, options.EncodeTimeout);
        });
        foreach (var job in jobs) written.Add((job.Path, job.Action.ToString()));
        return written;
    }

    /// <summary>The seed of one video's generator; distinct for every (class, index) of one dataset seed.</summary>
    internal static int VideoSeed(int datasetSeed, SyntheticAction action, int index) =>
        unchecked(datasetSeed * 1_000_003 + (int)action * 10_007 + index);
}
