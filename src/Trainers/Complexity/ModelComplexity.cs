using System.Globalization;

namespace MLVideo.Trainers.Complexity;

/// <summary>
/// The cost of a forward pass as the video papers and torchvision report it: multiply-accumulates (MACs, the
/// "GFLOPs" of their tables) of the conv and linear layers (plus what <see cref="ICountsOwnMacs"/> modules report),
/// per view, with the parameter count. Element-wise ops, batch norm and pooling are not counted.
/// </summary>
public sealed class ModelComplexity
{
    internal ModelComplexity(long totalMacs, long samples, long parameters, IReadOnlyDictionary<string, long> macsByLayerKind)
    {
        TotalMacs = totalMacs;
        Samples = samples;
        Parameters = parameters;
        MacsByLayerKind = macsByLayerKind;
    }

    /// <summary>MACs of the whole measured pass (all samples of the input batch).</summary>
    public long TotalMacs { get; }

    /// <summary>Samples in the measured batch (its first dimension: images for a backbone, clips for a video model).</summary>
    public long Samples { get; }

    /// <summary>Parameter elements of the model.</summary>
    public long Parameters { get; }

    /// <summary>MACs of the measured pass by layer kind (<c>Conv2d</c>, <c>Conv3d</c>, <c>Linear</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> MacsByLayerKind { get; }

    /// <summary>MACs of one view (one sample of the measured batch: one image, or one clip of T frames).</summary>
    public double MacsPerView => (double)TotalMacs / Samples;

    /// <summary>GMACs of one view.</summary>
    public double GigaMacsPerView => MacsPerView / 1e9;

    /// <summary>GMACs of one video tested with <paramref name="views"/> views (clips x crops): every view is counted.</summary>
    public double GigaMacsPerVideo(int views)
    {
        if (views <= 0) throw new ArgumentOutOfRangeException(nameof(views), views, "ModelComplexity: views must be positive.");
        return GigaMacsPerView * views;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{GigaMacsPerView:F3} GMACs per view, {Parameters / 1e6:F2} M parameters");
}
