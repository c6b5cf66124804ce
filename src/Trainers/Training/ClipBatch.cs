namespace MLVideo.Trainers.Training;

/// <summary>
/// One mini-batch as the caller decoded it: clip values in row-major order, one class index per clip, and the shape
/// whose first dimension is the batch (e.g. (N, T, C, H, W), or (N*V, T, C, H, W) with views folded in by the caller).
/// The loop copies it to a tensor on the training device, so the arrays may be reused once the batch was consumed.
/// </summary>
public sealed class ClipBatch
{
    /// <summary>Creates a batch, checking that the sizes agree.</summary>
    /// <param name="data">Clip values, row-major, <c>shape</c>'s element count long.</param>
    /// <param name="labels">Class index (0-based) of each clip; as many as <c>shape[0]</c>.</param>
    /// <param name="shape">Tensor shape; <c>shape[0]</c> is the number of clips.</param>
    /// <exception cref="ArgumentException">The sizes do not agree.</exception>
    public ClipBatch(float[] data, long[] labels, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"A batch shape needs positive dimensions, got [{string.Join(", ", shape)}].", nameof(shape));
        if (shape[0] != labels.Length)
            throw new ArgumentException($"The batch shape [{string.Join(", ", shape)}] has {shape[0]} clips but {labels.Length} labels were given.", nameof(labels));
        long elements = shape.Aggregate(1L, (a, d) => a * d);
        if (elements != data.LongLength)
            throw new ArgumentException($"The batch shape [{string.Join(", ", shape)}] holds {elements} values but {data.LongLength} were given.", nameof(data));
        Data = data;
        Labels = labels;
        Shape = shape;
    }

    /// <summary>Clip values, row-major.</summary>
    public float[] Data { get; }

    /// <summary>Class index of each clip.</summary>
    public long[] Labels { get; }

    /// <summary>Tensor shape; the first dimension is the batch.</summary>
    public long[] Shape { get; }

    /// <summary>Clips in the batch.</summary>
    public int Count => Labels.Length;
}
