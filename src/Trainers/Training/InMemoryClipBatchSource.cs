namespace MLVideo.Trainers.Training;

/// <summary>
/// Clips held in memory (decoded once, e.g. a cache at training resolution, or synthetic data), served in batches:
/// shuffled by a seeded permutation per epoch, or in the given order without a seed.
/// </summary>
public sealed class InMemoryClipBatchSource : IClipBatchSource
{
    private readonly IReadOnlyList<float[]> _clips;
    private readonly IReadOnlyList<long> _labels;
    private readonly long[] _clipShape;
    private readonly long _clipLength;

    /// <summary>Creates the source.</summary>
    /// <param name="clips">One array per clip, each <paramref name="clipShape"/>'s element count long.</param>
    /// <param name="labels">Class index of each clip.</param>
    /// <param name="clipShape">Shape of one clip without the batch dimension, e.g. (T, C, H, W).</param>
    /// <exception cref="ArgumentException">Counts or lengths disagree.</exception>
    public InMemoryClipBatchSource(IReadOnlyList<float[]> clips, IReadOnlyList<long> labels, long[] clipShape)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(clipShape);
        if (clips.Count != labels.Count) throw new ArgumentException($"{clips.Count} clips but {labels.Count} labels.", nameof(labels));
        if (clipShape.Length == 0 || clipShape.Any(d => d <= 0))
            throw new ArgumentException($"A clip shape needs positive dimensions, got [{string.Join(", ", clipShape)}].", nameof(clipShape));
        _clipLength = clipShape.Aggregate(1L, (a, d) => a * d);
        for (int i = 0; i < clips.Count; i++)
            if (clips[i].LongLength != _clipLength)
                throw new ArgumentException($"Clip {i} has {clips[i].LongLength} values; the clip shape [{string.Join(", ", clipShape)}] needs {_clipLength}.", nameof(clips));
        _clips = clips;
        _labels = labels;
        _clipShape = clipShape.ToArray();
    }

    /// <inheritdoc/>
    public int Count => _clips.Count;

    /// <inheritdoc/>
    public IEnumerable<ClipBatch> GetBatches(int batchSize, int? shuffleSeed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return Batches(batchSize, Order(shuffleSeed), cancellationToken);
    }

    /// <summary>The clip indices of one epoch: a permutation drawn from <paramref name="shuffleSeed"/>, or 0..n-1.</summary>
    public int[] Order(int? shuffleSeed)
    {
        var order = Enumerable.Range(0, _clips.Count).ToArray();
        if (shuffleSeed is int seed) new Random(seed).Shuffle(order);
        return order;
    }

    private IEnumerable<ClipBatch> Batches(int batchSize, int[] order, CancellationToken cancellationToken)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, order.Length - start);
            var data = new float[count * _clipLength];
            var labels = new long[count];
            for (int i = 0; i < count; i++)
            {
                _clips[order[start + i]].AsSpan().CopyTo(data.AsSpan((int)(i * _clipLength)));
                labels[i] = _labels[order[start + i]];
            }
            yield return new ClipBatch(data, labels, [count, .. _clipShape]);
        }
    }
}
