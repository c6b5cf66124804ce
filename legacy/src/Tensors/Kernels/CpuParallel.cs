namespace MLVideo.Tensors.Kernels;

/// <summary>A unit of parallel work over an index range; a struct so the JIT specialises each kernel.</summary>
internal interface IParallelWork
{
    /// <summary>Processes indices [start, end).</summary>
    void Execute(int start, int end);
}

/// <summary>Splits an index range across the cores. Small ranges run inline.</summary>
internal static class CpuParallel
{
    /// <summary>Degree of parallelism (all cores by default; tests may lower it).</summary>
    public static int MaxDegree { get; set; } = Environment.ProcessorCount;

    /// <summary>Runs <paramref name="work"/> over [0, count) in up to <see cref="MaxDegree"/> contiguous chunks.</summary>
    /// <param name="count">Number of indices.</param>
    /// <param name="work">The work item (copied per chunk; keep it a small struct of references).</param>
    /// <param name="minPerChunk">Below this many indices per chunk, fewer chunks are used.</param>
    public static void For<T>(int count, T work, int minPerChunk = 1) where T : struct, IParallelWork
    {
        if (count <= 0) return;
        int chunks = Math.Min(MaxDegree, Math.Max(1, count / Math.Max(1, minPerChunk)));
        if (chunks <= 1)
        {
            work.Execute(0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            int start = (int)((long)count * c / chunks);
            int end = (int)((long)count * (c + 1) / chunks);
            work.Execute(start, end);
        });
    }
}
