using MLVideo.Data;
using MLVideo.Evaluation;

namespace MLVideo;

public sealed partial class MulticlassClassificationCatalog
{
    /// <summary>
    /// Evaluates scored data with ML.NET's multiclass metrics. Instances with a missing label (key 0 or
    /// NaN), a negative or fractional label, or a NaN/infinite score are skipped (with a warning in the log).
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="labelColumnName">The label: key (key k is class k - 1), Single or Double class index. Default "Label".</param>
    /// <param name="scoreColumnName">Class scores: known-size vector of Single (probabilities for the log-loss). Default "Score".</param>
    /// <param name="predictedLabelColumnName">Must exist (as in ML.NET); the metrics use the scores' argmax. Default "PredictedLabel".</param>
    /// <param name="topKPredictionCount">K of the top-K accuracies; 0 (default) computes none.</param>
    public MulticlassClassificationMetrics Evaluate(IDataView data, string labelColumnName = DefaultColumnNames.Label,
        string scoreColumnName = DefaultColumnNames.Score, string predictedLabelColumnName = DefaultColumnNames.PredictedLabel, int topKPredictionCount = 0) =>
        MulticlassClassificationEvaluator.Evaluate(Context, data, labelColumnName, scoreColumnName, predictedLabelColumnName, topKPredictionCount);

    /// <summary>
    /// Splits <paramref name="data"/> into <paramref name="numberOfFolds"/> folds (rows sharing a
    /// <paramref name="samplingKeyColumnName"/> value stay in one fold), then for each fold trains
    /// <paramref name="estimator"/> on the others and evaluates on it.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="estimator">The pipeline to train (it must produce Score and PredictedLabel columns).</param>
    /// <param name="numberOfFolds">Number of folds (at least 2). Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored folds. Default "Label".</param>
    /// <param name="samplingKeyColumnName">Column whose equal values stay in one fold; null for none.</param>
    /// <param name="seed">Seed of the fold assignment; null draws one from the context.</param>
    public IReadOnlyList<CrossValidationResult<MulticlassClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = DefaultColumnNames.Label, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfFolds, 2);
        estimator.GetOutputSchema(SchemaShape.Create(data.Schema)); // fail on column errors before training any fold
        var sampler = new RowSampler(data.Schema, samplingKeyColumnName, seed ?? Context.NextSeed());
        IDataView Folds(int fold, bool inFold) => new FilteredDataView(data, sampler.Columns, cursor =>
        {
            var u = sampler.Bind(cursor);
            return () => (Math.Min(numberOfFolds - 1, (int)(u() * numberOfFolds)) == fold) == inFold;
        }, sampler.IsOrderDependent);

        var results = new List<CrossValidationResult<MulticlassClassificationMetrics>>(numberOfFolds);
        for (int fold = 0; fold < numberOfFolds; fold++)
        {
            var model = estimator.Fit(Folds(fold, inFold: false));
            var scored = model.Transform(Folds(fold, inFold: true));
            results.Add(new CrossValidationResult<MulticlassClassificationMetrics>(model, Evaluate(scored, labelColumnName), scored, fold));
        }
        return results;
    }
}
