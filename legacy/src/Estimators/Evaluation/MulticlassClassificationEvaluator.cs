using MLVideo.Data;

namespace MLVideo.Evaluation;

/// <summary>Reads label and score columns and computes <see cref="MulticlassClassificationMetrics"/>.</summary>
internal static class MulticlassClassificationEvaluator
{
    public static MulticlassClassificationMetrics Evaluate(MLVideoContext context, IDataView data, string labelColumnName, string scoreColumnName,
        string predictedLabelColumnName, int topKPredictionCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(topKPredictionCount);
        var schema = data.Schema;
        var label = schema.GetColumnOrNull(labelColumnName) ?? throw SchemaMismatchException.Missing(nameof(data), "label", labelColumnName, schema);
        if (label.Type is not KeyDataViewType && label.Type != NumberDataViewType.Single && label.Type != NumberDataViewType.Double)
            throw SchemaMismatchException.Mismatch(nameof(data), "label", labelColumnName, "key, Single or Double", label.Type.ToString()!);
        var score = schema.GetColumnOrNull(scoreColumnName) ?? throw SchemaMismatchException.Missing(nameof(data), "score", scoreColumnName, schema);
        if (score.Type is not VectorDataViewType { IsKnownSize: true } scoreType || scoreType.ItemType != NumberDataViewType.Single)
            throw SchemaMismatchException.Mismatch(nameof(data), "score", scoreColumnName, "known-size vector of Single", score.Type.ToString()!);
        if (schema.GetColumnOrNull(predictedLabelColumnName) is null)
            throw SchemaMismatchException.Missing(nameof(data), "predicted label", predictedLabelColumnName, schema);

        int classes = scoreType.Size;
        var accumulator = new MulticlassEvaluationAccumulator(classes, topKPredictionCount);
        long unlabeled = 0, badLabels = 0, badScores = 0;
        using (var cursor = data.GetRowCursor([label, score]))
        {
            var readLabel = LabelReader(cursor, label);
            var getScores = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> scores = default;
            while (cursor.MoveNext())
            {
                double value = readLabel();
                if (double.IsNaN(value)) { unlabeled++; continue; }
                if (value < 0 || value != Math.Floor(value) || value > int.MaxValue) { badLabels++; continue; }
                getScores(ref scores);
                var span = scores.GetValues();
                if (span.Length != classes)
                    throw new InvalidOperationException($"Score column '{scoreColumnName}' is declared with {classes} slots but a row has {span.Length}.");
                if (!AllFinite(span)) { badScores++; continue; }
                accumulator.Add((int)value, span);
            }
        }

        const string source = "MulticlassClassificationEvaluator";
        if (unlabeled > 0) context.WriteLog(ChannelMessageKind.Warning, source, $"{unlabeled} instances with missing labels were skipped.");
        if (badLabels > 0) context.WriteLog(ChannelMessageKind.Warning, source, $"Found {badLabels} instances with labels that are either negative or non integers. These instances were ignored.");
        if (badScores > 0) context.WriteLog(ChannelMessageKind.Warning, source, $"{badScores} instances with NaN or infinite scores were skipped.");
        if (accumulator.UnknownClassInstances > 0)
            context.WriteLog(ChannelMessageKind.Warning, source,
                $"Found {accumulator.UnknownClassInstances} test instances with class values not seen in the training set. LogLoss is reported higher than usual because of these instances.");
        var metrics = accumulator.ToMetrics(ClassNames(score, label, classes));
        // Video models annotate their score column with what the papers report (GFLOPs, latency, test protocol);
        // read after the pass so the measured time covers the rows just scored.
        double? gflops = ReadDouble(score, "GflopsPerVideo");
        double? milliseconds = ReadDouble(score, "MillisecondsPerVideo");
        string? protocol = ReadText(score, "TestProtocol");
        return gflops is null && milliseconds is null && protocol is null ? metrics : metrics.WithVideoCosts(gflops, milliseconds, protocol);
    }

    /// <summary>The label as a 0-based class index: key k gives k - 1 (key 0 is missing: NaN); numbers as they are.</summary>
    private static Func<double> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        if (label.Type is KeyDataViewType)
        {
            var getter = cursor.GetGetter<uint>(label);
            uint key = 0;
            return () => { getter(ref key); return key == 0 ? double.NaN : key - 1.0; };
        }
        if (label.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(label);
            float f = 0;
            return () => { getter(ref f); return f; };
        }
        var dgetter = cursor.GetGetter<double>(label);
        double d = 0;
        return () => { dgetter(ref d); return d; };
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    /// <summary>Class names: the score's slot names, else the label's key values, else the class indices.</summary>
    private static string[] ClassNames(DataViewSchema.Column score, DataViewSchema.Column label, int classes)
    {
        if (score.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            score.GetSlotNames(ref names);
            if (names.Length == classes) return names.DenseValues().Select(m => m.ToString()).ToArray();
        }
        if (label.Type is KeyDataViewType && label.HasKeyValues())
        {
            var names = label.GetKeyValueStrings();
            if (names.Length == classes) return names;
        }
        return Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private static double? ReadDouble(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is not { Type: NumberDataViewType n } || n.RawType != typeof(double)) return null;
        double value = 0;
        column.Annotations.GetValue(kind, ref value);
        return double.IsNaN(value) ? null : value;
    }

    private static string? ReadText(DataViewSchema.Column column, string kind)
    {
        if (column.Annotations.Schema.GetColumnOrNull(kind) is not { Type: TextDataViewType }) return null;
        ReadOnlyMemory<char> value = default;
        column.Annotations.GetValue(kind, ref value);
        return value.ToString();
    }
}
