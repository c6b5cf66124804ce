using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// Base of the video transformers: row-to-row and lazy (a clip is decoded only when a cursor reads its column, once per row),
/// with schema propagation for estimators and per-row random streams that are repeatable for a seed.
/// </summary>
public abstract class VideoTransformerBase : RowToRowTransformerBase
{
    private int _cursors;

    /// <summary>Creates the transformer for one output and one input column.</summary>
    protected VideoTransformerBase(string outputColumnName, string? inputColumnName, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        OutputColumnName = outputColumnName;
        InputColumnName = string.IsNullOrEmpty(inputColumnName) ? outputColumnName : inputColumnName;
        Seed = seed;
    }

    /// <summary>The column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Seed of the per-row random streams (random offsets, crops, flips).</summary>
    public int Seed { get; }

    /// <summary>The estimator-side schema propagation: checks the input column shape and adds the output column.</summary>
    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);

    /// <summary>
    /// A random stream for one row of one pass: every new cursor is a new pass (epoch), so training sees fresh random
    /// choices each epoch while the whole run stays repeatable for a seed.
    /// </summary>
    internal Func<long, Random> NewPassRandom()
    {
        int pass = Interlocked.Increment(ref _cursors);
        return position => new Random(HashCode.Combine(Seed, pass, position));
    }

    /// <summary>Requires the input column of a clip type; returns its type.</summary>
    internal static ClipDataViewType RequireClip(DataViewSchema schema, string column, string transform) =>
        (ClipDataViewType)RequireInput(schema, column, t => t is ClipDataViewType, "Clip").Type;

    /// <summary>Finds input column <paramref name="name"/> and checks its type, with ML.NET's messages when missing or mistyped.</summary>
    internal static DataViewSchema.Column RequireInput(DataViewSchema schema, string name, Func<DataViewType, bool> isValid, string expected)
    {
        var c = schema.GetColumnOrNull(name) ?? throw SchemaMismatchException.Missing(nameof(schema), "input", name, schema);
        return isValid(c.Type) ? c : throw SchemaMismatchException.Mismatch(nameof(schema), "input", name, expected, c.Type.ToString()!);
    }

    /// <summary>Requires an input shape whose item type is a clip; returns it.</summary>
    internal static ClipDataViewType RequireClip(SchemaShape shape, string column) =>
        (ClipDataViewType)shape.RequireColumn(column, "input", c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is ClipDataViewType, "Clip").ItemType;

    /// <summary>A scalar shape column of <paramref name="type"/>.</summary>
    internal static SchemaShape.Column Scalar(string name, DataViewType type) => new(name, SchemaShape.Column.VectorKind.Scalar, type, false);
}
