using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>
/// Test trainer: learns the class frequencies of a key label and scores every row with them
/// (Score = priors, PredictedLabel = most frequent class). Enough to exercise CrossValidate.
/// </summary>
public sealed class PriorClassifierEstimator : IEstimator<PriorClassifierTransformer>
{
    public PriorClassifierTransformer Fit(IDataView input)
    {
        var label = input.Schema["Label"];
        int classes = (int)((KeyDataViewType)label.Type).Count;
        var counts = new float[classes];
        foreach (uint key in Columns.Read<uint>(input, "Label"))
            if (key > 0) counts[key - 1]++;
        float total = counts.Sum();
        return new PriorClassifierTransformer(counts.Select(c => c / total).ToArray());
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.RequireColumn("Label", "label", c => c.IsKey, "key");
        return inputSchema.WithColumns(
            new SchemaShape.Column("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            new SchemaShape.Column("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true));
    }
}
