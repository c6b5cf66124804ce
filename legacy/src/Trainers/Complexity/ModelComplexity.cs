namespace MLVideo.Trainers.Complexity;

/// <summary>
/// The cost of one forward pass as this field reports it: multiply-accumulates (MACs, the "GFLOPs" of the TSN, TSM,
/// GSF papers and of thop/fvcore) of the convolutions, linear layers and matrix products, per clip, plus the
/// parameter count. Element-wise ops, batch norm and pooling are not counted (as in those papers).
/// </summary>
public sealed class ModelComplexity
{
    internal ModelComplexity(long totalMacs, int clips, long parameters, IReadOnlyDictionary<string, long> macsByOp)
    {
        TotalMacs = totalMacs;
        Clips = clips;
        Parameters = parameters;
        MacsByOp = macsByOp;
    }

    /// <summary>MACs of the whole measured forward pass (all clips of the measured batch).</summary>
    public long TotalMacs { get; }

    /// <summary>Number of clips in the measured batch.</summary>
    public int Clips { get; }

    /// <summary>Number of parameter elements of the model.</summary>
    public long Parameters { get; }

    /// <summary>MACs of the measured pass by op kind (<c>conv2d</c>, <c>conv3d</c>, <c>linear</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> MacsByOp { get; }

    /// <summary>MACs per clip (one view of T frames).</summary>
    public double MacsPerClip => (double)TotalMacs / Clips;

    /// <summary>GMACs per clip ("GFLOPs" in the papers' tables).</summary>
    public double GigaMacsPerClip => MacsPerClip / 1e9;

    /// <summary>GMACs per video under a test protocol of <paramref name="clipsPerVideo"/> x <paramref name="cropsPerVideo"/> views.</summary>
    public double GigaMacsPerVideo(int clipsPerVideo = 1, int cropsPerVideo = 1)
    {
        if (clipsPerVideo <= 0) throw new ArgumentOutOfRangeException(nameof(clipsPerVideo), clipsPerVideo, "clipsPerVideo must be positive.");
        if (cropsPerVideo <= 0) throw new ArgumentOutOfRangeException(nameof(cropsPerVideo), cropsPerVideo, "cropsPerVideo must be positive.");
        return GigaMacsPerClip * clipsPerVideo * cropsPerVideo;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{GigaMacsPerClip:F3} GMACs per clip, {Parameters / 1e6:F2} M parameters");
}
