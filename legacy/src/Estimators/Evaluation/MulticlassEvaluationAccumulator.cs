namespace MLVideo.Data;

/// <summary>
/// Accumulates ML.NET's multiclass counters one instance at a time (unweighted) and turns them into
/// <see cref="MulticlassClassificationMetrics"/>. The caller has already dropped unlabelled
/// instances and instances with non-finite scores.
/// </summary>
internal sealed class MulticlassEvaluationAccumulator
{
    /// <summary>ML.NET's clamp for probabilities in the log-loss (a float constant there too).</summary>
    public const float Epsilon = (float)1e-15;

    private readonly int _classes;
    private readonly int _topK;
    private readonly double[] _classCount;
    private readonly double[] _classLogLoss;
    private readonly double[][] _confusion;
    private readonly double[] _seenRanks;
    private readonly Dictionary<int, (long Count, long Hit)> _meanClass = [];
    private double _instances;
    private double _correct;
    private double _totalLogLoss;

    public MulticlassEvaluationAccumulator(int classes, int topK)
    {
        _classes = classes;
        _topK = topK;
        _classCount = new double[classes];
        _classLogLoss = new double[classes];
        _confusion = Enumerable.Range(0, classes).Select(_ => new double[classes]).ToArray();
        _seenRanks = new double[classes + 1];
    }

    /// <summary>Instances whose label has no score slot (they cost -ln(1e-15) each).</summary>
    public long UnknownClassInstances { get; private set; }

    /// <summary>Adds one instance: its 0-based class <paramref name="label"/> and its scores.</summary>
    public void Add(int label, ReadOnlySpan<float> scores)
    {
        bool known = label < _classes;
        // Predicted class: the first highest score (the head of a stable descending sort, as ML.NET).
        int assigned = 0;
        for (int i = 1; i < scores.Length; i++)
            if (scores[i] > scores[assigned]) assigned = i;

        double logLoss;
        int rank;
        if (known)
        {
            float p = Math.Min(1f, Math.Max(Epsilon, scores[label]));
            logLoss = -Math.Log(p);
            // Rank of the true class: classes scoring higher, plus equal scores at lower indices.
            float correct = scores[label];
            rank = 0;
            for (int i = 0; i < scores.Length; i++)
                if (scores[i] > correct || (scores[i] == correct && i < label)) rank++;
        }
        else
        {
            logLoss = -Math.Log(Epsilon);
            rank = _classes; // never inside any top k
            UnknownClassInstances++;
        }

        _instances += 1;
        _totalLogLoss += logLoss;
        _seenRanks[rank] += 1;
        if (known)
        {
            _classCount[label] += 1;
            _classLogLoss[label] += logLoss;
            _confusion[label][assigned] += 1;
            if (assigned == label) _correct += 1;
        }

        // mmaction2 counts every class that occurs as a label or as a prediction.
        var (count, hit) = _meanClass.GetValueOrDefault(label);
        _meanClass[label] = (count + 1, hit + (assigned == label ? 1 : 0));
        if (!_meanClass.ContainsKey(assigned)) _meanClass[assigned] = (0, 0);
    }

    public MulticlassClassificationMetrics ToMetrics(IReadOnlyList<string> classNames)
    {
        double n = _instances;
        double micro = n > 0 ? _correct / n : 0;
        double macro = 0;
        int nonEmpty = 0;
        for (int c = 0; c < _classes; c++)
        {
            if (_classCount[c] <= 0) continue;
            nonEmpty++;
            macro += _confusion[c][c] / _classCount[c];
        }
        macro = nonEmpty > 0 ? macro / nonEmpty : 0;
        double logLoss = n > 0 ? _totalLogLoss / n : 0;
        double entropy = 0;
        for (int c = 0; c < _classes; c++)
            if (_classCount[c] != 0) entropy += _classCount[c] * Math.Log(_classCount[c] / n);
        entropy /= -n;
        double reduction = (entropy - logLoss) / entropy;
        double[]? topK = null;
        if (_topK > 0)
        {
            topK = new double[_topK];
            double cumulative = 0;
            for (int k = 0; k < _topK; k++)
            {
                if (k < _seenRanks.Length - 1) cumulative += _seenRanks[k];
                topK[k] = n > 0 ? cumulative / n : 0;
            }
        }
        var perClass = new double[_classes];
        for (int c = 0; c < _classes; c++) perClass[c] = _classCount[c] > 0 ? _classLogLoss[c] / _classCount[c] : 0;
        double meanClass = _meanClass.Count == 0 ? 0 : _meanClass.Values.Average(v => v.Count > 0 ? (double)v.Hit / v.Count : 0.0);
        return new MulticlassClassificationMetrics(micro, macro, logLoss, reduction, _topK, topK, perClass,
            new ConfusionMatrix(_confusion, classNames), meanClass, (long)n);
    }
}
