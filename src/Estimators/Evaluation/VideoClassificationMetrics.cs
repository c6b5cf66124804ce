using Microsoft.ML.Data;

namespace MLVideo;

/// <summary>
/// ML.NET's multiclass metrics together with what papers in this field report: compute and measured time per
/// video, mean class accuracy, clip-level vs video-level accuracy and the test protocol.
/// </summary>
public sealed record VideoClassificationMetrics
{
    /// <summary>ML.NET's own metrics (MicroAccuracy, MacroAccuracy, TopKAccuracy, LogLoss, ConfusionMatrix, ...).</summary>
    public required MulticlassClassificationMetrics Metrics { get; init; }

    /// <summary>Videos (rows) evaluated.</summary>
    public required int Videos { get; init; }

    /// <summary>Accuracy of the combined prediction per video (= <see cref="MulticlassClassificationMetrics.MicroAccuracy"/>).</summary>
    public double VideoAccuracy => Metrics.MicroAccuracy;

    /// <summary>Accuracy of each test view (clip x crop) on its own, before views are combined. NaN when the views are not available.</summary>
    public required double ClipAccuracy { get; init; }

    /// <summary>Mean over classes of the per-class accuracy (mmaction2's mean class accuracy; = ML.NET's MacroAccuracy).</summary>
    public double MeanClassAccuracy => Metrics.MacroAccuracy;

    /// <summary>Multiply-accumulates per video in billions, every view counted (NaN when the score column does not carry it).</summary>
    public required double GflopsPerVideo { get; init; }

    /// <summary>Mean measured model time per video in milliseconds (network only, not decoding).</summary>
    public required double MillisecondsPerVideo { get; init; }

    /// <summary>How the test views were taken and combined, e.g. <c>3 view(s) x 8 frames, 112x112, probability averaging</c>.</summary>
    public required string TestProtocol { get; init; }
}
