using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>Test estimator for <see cref="AddConstantTransformer"/>; counts its fits.</summary>
public sealed class AddConstantEstimator : IEstimator<AddConstantTransformer>
{
    public AddConstantEstimator(string outputColumnName, string inputColumnName, float constant)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Constant = constant;
    }

    public string OutputColumnName { get; }

    public string InputColumnName { get; }

    public float Constant { get; }

    public int Fits;

    public AddConstantTransformer Fit(IDataView input)
    {
        Fits++;
        return new AddConstantTransformer(OutputColumnName, InputColumnName, Constant);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.RequireColumn(InputColumnName, "input",
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && !c.IsKey && c.ItemType.Equals(NumberDataViewType.Single), "Single");
        return inputSchema.WithColumns(new SchemaShape.Column(OutputColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }
}
