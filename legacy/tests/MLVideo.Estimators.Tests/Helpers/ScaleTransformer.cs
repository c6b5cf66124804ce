using MLVideo.Data;
using MLVideo.Model;
using MLVideo.Tensors;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>
/// Test model step with a tensor: Output = Input * Weights (elementwise, Vector&lt;Single&gt;). Registered as
/// <see cref="Kind"/>; <see cref="FailWhileSaving"/> simulates a crash in the middle of a save.
/// </summary>
public sealed class ScaleTransformer : RowToRowTransformerBase, IModelStep
{
    public const string Kind = "Test.Scale";

    public ScaleTransformer(string outputColumnName, string inputColumnName, float[] weights)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Weights = weights;
    }

    public string OutputColumnName { get; }

    public string InputColumnName { get; }

    public float[] Weights { get; }

    public bool FailWhileSaving { get; init; }

    public string StepKind => Kind;

    public int StepVersion => 1;

    public static void Register() => ModelStepRegistry.Register(Kind, 1, Load);

    public void SaveStep(ModelStepWriter writer)
    {
        writer.WriteOptions(new Options { OutputColumnName = OutputColumnName, InputColumnName = InputColumnName });
        var tensor = new Tensor(Weights.Length);
        Weights.CopyTo(tensor.Data);
        writer.WriteTensor("weight", tensor);
        if (FailWhileSaving) throw new IOException("Simulated crash while saving.");
    }

    private static ScaleTransformer Load(ModelStepReader reader)
    {
        var o = reader.ReadOptions<Options>();
        var weight = reader.ReadTensor("weight");
        return new ScaleTransformer(o.OutputColumnName, o.InputColumnName, weight.Data.ToArray());
    }

    protected internal override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    public sealed class Options
    {
        public string OutputColumnName { get; set; } = "";

        public string InputColumnName { get; set; } = "";
    }

    private sealed class Mapper : OneToOneRowMapper<VBuffer<float>, VBuffer<float>>
    {
        private readonly float[] _weights;

        public Mapper(ScaleTransformer parent, DataViewSchema schema)
            : base(schema, parent.InputColumnName, new DataViewSchema.DetachedColumn(parent.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, parent.Weights.Length)), $"Vector<Single, {parent.Weights.Length}>")
        {
            _weights = parent.Weights;
        }

        protected override void Map(in VBuffer<float> source, ref VBuffer<float> result)
        {
            var editor = VBufferEditor.Create(ref result, _weights.Length);
            var values = source.GetValues();
            for (int i = 0; i < _weights.Length; i++) editor.Values[i] = values[i] * _weights[i];
            result = editor.Commit();
        }
    }
}
