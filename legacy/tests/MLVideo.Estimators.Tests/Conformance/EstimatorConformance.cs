using System.Globalization;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Estimators.Tests.Conformance;

/// <summary>
/// Shared checks every estimator should pass (modelled on ML.NET's TestEstimatorCore): the promised
/// output shape matches the real output schema; invalid input fails in both GetOutputSchema and Fit
/// with a SchemaMismatchException before any data is read; and a saveable transformer gives identical
/// values after a save and load. Other test projects can link this file
/// (<c>&lt;Compile Include="../MLVideo.Estimators.Tests/Conformance/EstimatorConformance.cs" /&gt;</c>).
/// </summary>
public static class EstimatorConformance
{
    public static void Check<TTransformer>(MLVideoContext ml, IEstimator<TTransformer> estimator, IDataView valid, IDataView? invalid = null)
        where TTransformer : class, ITransformer
    {
        var promised = estimator.GetOutputSchema(SchemaShape.Create(valid.Schema));
        var transformer = estimator.Fit(valid);
        var output = transformer.Transform(valid);
        foreach (var column in promised)
        {
            var actual = output.Schema.GetColumnOrNull(column.Name);
            Assert.IsNotNull(actual, $"GetOutputSchema promised column '{column.Name}', which Transform does not produce.");
            var shape = SchemaShape.Create(output.Schema);
            Assert.IsTrue(shape.TryFindColumn(column.Name, out var actualShape));
            Assert.AreEqual(column.GetTypeString(), actualShape.GetTypeString(), $"column '{column.Name}': promised and actual types differ");
            foreach (var annotation in column.Annotations)
                Assert.IsTrue(actualShape.Annotations.TryFindColumn(annotation.Name, out _), $"column '{column.Name}' lacks the promised annotation '{annotation.Name}'");
        }
        Assert.AreEqual(transformer.GetOutputSchema(valid.Schema).Count, output.Schema.Count, "GetOutputSchema and Transform disagree on the column count");

        if (invalid is not null)
        {
            Assert.ThrowsExactly<SchemaMismatchException>(() => estimator.GetOutputSchema(SchemaShape.Create(invalid.Schema)), "GetOutputSchema accepted the invalid input");
            Assert.ThrowsExactly<SchemaMismatchException>(() => estimator.Fit(invalid), "Fit accepted the invalid input");
            Assert.ThrowsExactly<SchemaMismatchException>(() => transformer.Transform(invalid), "Transform accepted the invalid input");
        }

        if (transformer is IModelStep)
        {
            using var stream = new MemoryStream();
            ml.Model.Save(transformer, valid.Schema, stream);
            stream.Position = 0;
            var loaded = ml.Model.Load(stream, out _);
            var reloadedOutput = loaded.Transform(valid);
            foreach (var column in output.Schema.Where(c => !c.IsHidden && c.Type is not StructuredDataViewType))
                CollectionAssert.AreEqual(ReadAsText(output, column.Name), ReadAsText(reloadedOutput, column.Name), $"column '{column.Name}' differs after save and load");
        }
    }

    /// <summary>Every value of a column as invariant text (vectors as comma-separated items).</summary>
    public static List<string> ReadAsText(IDataView view, string columnName)
    {
        var column = view.Schema[columnName];
        var method = typeof(EstimatorConformance).GetMethod(nameof(ReadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType);
        return (List<string>)method.Invoke(null, [view, column])!;
    }

    private static List<string> ReadTyped<T>(IDataView view, DataViewSchema.Column column)
    {
        var result = new List<string>();
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(Format(value));
        }
        return result;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        ReadOnlyMemory<char> m => m.ToString(),
        VBuffer<float> v => string.Join(",", v.DenseValues().Select(x => x.ToString("R", CultureInfo.InvariantCulture))),
        VBuffer<ReadOnlyMemory<char>> v => string.Join(",", v.DenseValues().Select(x => x.ToString())),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(VBuffer<>) =>
            string.Join(",", ((System.Collections.IEnumerable)value.GetType().GetMethod("DenseValues")!.Invoke(value, null)!).Cast<object>().Select(x => Format(x))),
        _ => value.ToString() ?? "",
    };
}
