using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLVideo;

/// <summary>Video evaluation on <c>ml.MulticlassClassification</c>: ML.NET's metrics plus the video extras, in one call.</summary>
public static class VideoEvaluationCatalog
{
    /// <summary>
    /// Evaluates scored data (the output of a model ending in a video action trainer): runs ML.NET's
    /// <c>Evaluate</c> and adds GFLOPs and milliseconds per video, mean class accuracy, clip-level accuracy and the
    /// test protocol. Every video is decoded and scored once.
    /// </summary>
    /// <param name="catalog">The multiclass catalog.</param>
    /// <param name="data">Scored data.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="scoreColumnName">Score column (Vector&lt;Single, K&gt;).</param>
    /// <param name="predictedLabelColumnName">Predicted key column.</param>
    /// <param name="topKPredictionCount">K of TopKAccuracy (ML.NET's parameter).</param>
    public static VideoClassificationMetrics EvaluateVideo(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel", int topKPredictionCount = 5)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var score = data.Schema.GetColumnOrNull(scoreColumnName) ?? throw SchemaErrors.Missing("score", scoreColumnName);
        var label = data.Schema.GetColumnOrNull(labelColumnName) ?? throw SchemaErrors.Missing("label", labelColumnName);
        var views = data.Schema.GetColumnOrNull(VideoActionTransformer.ViewScoresColumnName);

        // Score each video once: the cache is filled by the first pass below, ML.NET's evaluator reads it after.
        string[] cached = views is null
            ? [labelColumnName, scoreColumnName, predictedLabelColumnName]
            : [labelColumnName, scoreColumnName, predictedLabelColumnName, views.Value.Name];
        var env = catalog.GetEnvironment();
        var cachedData = new DataOperationsCatalog(env).Cache(data, cached);
        var (videos, clipAccuracy) = CountClips(cachedData, labelColumnName, views?.Name);

        var metrics = catalog.Evaluate(cachedData, labelColumnName, scoreColumnName, predictedLabelColumnName, topKPredictionCount);
        return new VideoClassificationMetrics
        {
            Metrics = metrics,
            Videos = videos,
            ClipAccuracy = clipAccuracy,
            GflopsPerVideo = ReadDouble(score, VideoScoreAnnotations.GflopsPerVideo),
            MillisecondsPerVideo = ReadDouble(score, VideoScoreAnnotations.MillisecondsPerVideo),
            TestProtocol = ReadText(score, VideoScoreAnnotations.TestProtocol) ?? "unknown",
        };
    }

    private static (int Videos, double ClipAccuracy) CountClips(IDataView data, string labelName, string? viewsName)
    {
        var label = data.Schema[labelName];
        var columns = viewsName is null ? new[] { label } : new[] { label, data.Schema[viewsName] };
        using var cursor = data.GetRowCursor(columns);
        var getLabel = cursor.GetGetter<uint>(label);
        ValueGetter<VBuffer<float>>? getViews = viewsName is null ? null : cursor.GetGetter<VBuffer<float>>(data.Schema[viewsName]);
        int classes = viewsName is null ? 0 : ((VectorDataViewType)data.Schema[viewsName].Type).Dimensions[^1];
        int videos = 0, clips = 0, correct = 0;
        uint key = 0;
        VBuffer<float> probabilities = default;
        while (cursor.MoveNext())
        {
            videos++;
            if (getViews is null) continue;
            getLabel(ref key);
            getViews(ref probabilities);
            if (key == 0) continue;
            var p = probabilities.DenseValues().ToArray();
            for (int v = 0; v * classes < p.Length; v++)
            {
                int best = 0;
                for (int k = 1; k < classes; k++) if (p[v * classes + k] > p[v * classes + best]) best = k;
                clips++;
                if (best == key - 1) correct++;
            }
        }
        return (videos, clips == 0 ? double.NaN : (double)correct / clips);
    }

    private static double ReadDouble(DataViewSchema.Column column, string kind)
    {
        if (column.Annotations.Schema.GetColumnOrNull(kind) is not { } annotation) return double.NaN;
        double value = 0;
        column.Annotations.GetValue(annotation.Name, ref value);
        return value;
    }

    private static string? ReadText(DataViewSchema.Column column, string kind)
    {
        if (column.Annotations.Schema.GetColumnOrNull(kind) is not { } annotation) return null;
        ReadOnlyMemory<char> value = default;
        column.Annotations.GetValue(annotation.Name, ref value);
        return value.ToString();
    }
}
