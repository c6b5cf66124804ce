namespace MLVideo.Data;

/// <summary>One fold of a cross-validation: the model trained without the fold, the fold scored by it, and its metrics.</summary>
public sealed class CrossValidationResult<TMetrics> where TMetrics : class
{
    internal CrossValidationResult(ITransformer model, TMetrics metrics, IDataView scoredHoldOutSet, int fold)
    {
        Model = model;
        Metrics = metrics;
        ScoredHoldOutSet = scoredHoldOutSet;
        Fold = fold;
    }

    /// <summary>The model trained on the other folds.</summary>
    public ITransformer Model { get; }

    /// <summary>The metrics on this fold.</summary>
    public TMetrics Metrics { get; }

    /// <summary>This fold transformed by <see cref="Model"/>.</summary>
    public IDataView ScoredHoldOutSet { get; }

    /// <summary>The fold index (0-based).</summary>
    public int Fold { get; }
}
