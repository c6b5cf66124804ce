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

    /// <summary>
    /// The seed of one video's generator, from (dataset seed, class, index) through SplitMix64's finaliser.
    /// System.Random's seeded streams are related for seeds that differ by a constant, so seeds spaced per class
    /// would make the videos of one class resemble those of another; mixed seeds are unrelated.
    /// </summary>
    internal static int VideoSeed(int datasetSeed, SyntheticAction action, int index)
    {
        unchecked
        {
            ulong z = ((ulong)(uint)datasetSeed << 32 | (uint)((int)action << 20 ^ index)) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
