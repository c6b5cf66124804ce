namespace MLVideo.Data;

/// <summary>
/// Multiclass evaluation results, with ML.NET's definitions (see docs/api-differences.md for the
/// formulas) plus the figures video papers report: mean class accuracy, GFLOPs and time per video.
/// </summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double microAccuracy, double macroAccuracy, double logLoss, double logLossReduction,
        int topKPredictionCount, double[]? topKAccuracyForAllK, double[] perClassLogLoss, ConfusionMatrix confusionMatrix,
        double meanClassAccuracy, long numberOfInstances)
    {
        MicroAccuracy = microAccuracy;
        MacroAccuracy = macroAccuracy;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        TopKPredictionCount = topKPredictionCount;
        TopKAccuracyForAllK = topKAccuracyForAllK;
        PerClassLogLoss = perClassLogLoss;
        ConfusionMatrix = confusionMatrix;
        MeanClassAccuracy = meanClassAccuracy;
        NumberOfInstances = numberOfInstances;
    }

    /// <summary>Fraction of instances whose highest score is the true class (ties: the lowest class index wins).</summary>
    public double MicroAccuracy { get; }

    /// <summary>Mean over classes with at least one instance of the fraction of that class predicted correctly.</summary>
    public double MacroAccuracy { get; }

    /// <summary>Mean of -ln(clamp(p_true, 1e-15, 1)); instances of classes without a score slot count -ln(1e-15).</summary>
    public double LogLoss { get; }

    /// <summary>(prior log-loss - <see cref="LogLoss"/>) / prior log-loss, the prior being the entropy of the test labels.</summary>
    public double LogLossReduction { get; }

    /// <summary><see cref="TopKAccuracyForAllK"/>[K - 1], or 0 when <see cref="TopKPredictionCount"/> is 0.</summary>
    public double TopKAccuracy => TopKAccuracyForAllK is { Count: > 0 } all ? all[^1] : 0;

    /// <summary>The K of <see cref="TopKAccuracy"/> (0: not computed).</summary>
    public int TopKPredictionCount { get; }

    /// <summary>
    /// For k = 1..K, the fraction of instances whose true class ranks among the k highest scores; equal
    /// scores rank by class index (a lower index ranks higher). Null when K is 0.
    /// </summary>
    public IReadOnlyList<double>? TopKAccuracyForAllK { get; }

    /// <summary>Per class, the mean log-loss of its instances (0 for classes without instances).</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>Counts of actual vs predicted classes.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>
    /// mmaction2's mean class accuracy: over every class that is a true label or a prediction of some
    /// instance, the mean of (correct / instances of the class), a class without instances counting 0.
    /// </summary>
    public double MeanClassAccuracy { get; }

    /// <summary>Instances evaluated (labelled, with finite scores).</summary>
    public long NumberOfInstances { get; }

    /// <summary>Model cost per video in GFLOPs (multiply-accumulates, the field's convention), when reported.</summary>
    public double? GflopsPerVideo { get; private init; }

    /// <summary>Measured milliseconds per video, when reported.</summary>
    public double? MillisecondsPerVideo { get; private init; }

    /// <summary>The test protocol (e.g. "1 clip x 1 crop"), when reported.</summary>
    public string? TestProtocol { get; private init; }

    /// <summary>A copy carrying the cost figures of the evaluated model.</summary>
    public MulticlassClassificationMetrics WithVideoCosts(double? gflopsPerVideo, double? millisecondsPerVideo, string? testProtocol = null) =>
        new(MicroAccuracy, MacroAccuracy, LogLoss, LogLossReduction, TopKPredictionCount, TopKAccuracyForAllK?.ToArray(), PerClassLogLoss.ToArray(),
            ConfusionMatrix, MeanClassAccuracy, NumberOfInstances)
        {
            GflopsPerVideo = gflopsPerVideo,
            MillisecondsPerVideo = millisecondsPerVideo,
            TestProtocol = testProtocol,
        };
}
