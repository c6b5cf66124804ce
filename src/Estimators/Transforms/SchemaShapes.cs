using Microsoft.ML;

namespace MLVideo.Transforms;

/// <summary>
/// The estimator-side view of a schema. ML.NET builds <see cref="SchemaShape"/> values only internally; this lets the tests
/// (and any MLVideo code outside the seam) propagate a schema through an estimator without reading data.
/// </summary>
internal static class SchemaShapes
{
    /// <summary>The shape of <paramref name="schema"/>, as ML.NET's estimator chains see it.</summary>
    public static SchemaShape Of(DataViewSchema schema) => SchemaShape.Create(schema);
}
