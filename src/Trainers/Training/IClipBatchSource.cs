namespace MLVideo.Trainers.Training;

/// <summary>
/// Where the training loop takes its mini-batches from. The caller decodes; the loop pulls the sequence on a
/// background thread, a bounded number of batches ahead (<see cref="TrainingOptions.PrefetchBatches"/>), so decoding
/// the next batch overlaps the current training step, and moves each batch to the device itself.
/// </summary>
/// <remarks>
/// The enumeration runs on another thread than the one that called the loop, one epoch at a time (never two at
/// once). For a resumed run to see the same order, the order must depend on <c>shuffleSeed</c> alone.
/// </remarks>
public interface IClipBatchSource
{
    /// <summary>Clips in one pass over the data (the loop derives steps per epoch, the schedule and the ETA from it).</summary>
    int Count { get; }

    /// <summary>One pass over the data in batches of <paramref name="batchSize"/> clips (the last one may be smaller).</summary>
    /// <param name="batchSize">Clips per batch; positive.</param>
    /// <param name="shuffleSeed">Seed of this epoch's order; null for the data order (validation).</param>
    /// <param name="cancellationToken">Stops the pass; honour it between batches (and inside a long decode if possible).</param>
    IEnumerable<ClipBatch> GetBatches(int batchSize, int? shuffleSeed, CancellationToken cancellationToken);
}
