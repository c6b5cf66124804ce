namespace MLVideo.Data;

/// <summary>Annotation helpers, with ML.NET's annotation kind names.</summary>
public static class AnnotationUtils
{
    /// <summary>Well-known annotation kinds.</summary>
    public static class Kinds
    {
        /// <summary>Names of the vector slots (vector of text).</summary>
        public const string SlotNames = "SlotNames";

        /// <summary>Names of the values of a key column (vector of the original values).</summary>
        public const string KeyValues = "KeyValues";

        /// <summary>What a score column scores (e.g. <c>MulticlassClassification</c>).</summary>
        public const string ScoreColumnKind = "ScoreColumnKind";

        /// <summary>What a score column's values are (e.g. <c>Score</c>, <c>PredictedLabel</c>).</summary>
        public const string ScoreValueKind = "ScoreValueKind";
    }

    /// <summary>Creates annotations holding text <c>KeyValues</c> (one name per key value, in key order).</summary>
    public static DataViewSchema.Annotations KeyValuesOf(IReadOnlyList<string> names)
    {
        var values = names.Select(n => n.AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.AddKeyValues(values.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(values.Length, values).CopyTo(ref dst));
        return builder.ToAnnotations();
    }

    /// <summary>Creates annotations holding <c>SlotNames</c> (one name per vector slot, e.g. class names of a Score column).</summary>
    public static DataViewSchema.Annotations SlotNamesOf(IReadOnlyList<string> names)
    {
        var values = names.Select(n => n.AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.AddSlotNames(values.Length, (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(values.Length, values).CopyTo(ref dst));
        return builder.ToAnnotations();
    }

    /// <summary>Reads a column's key values as strings (any primitive key-value type, via ToString).</summary>
    public static string[] GetKeyValueStrings(this DataViewSchema.Column column)
    {
        if (!column.HasKeyValues()) throw new InvalidOperationException($"Column '{column.Name}' has no KeyValues annotation.");
        var kvType = (VectorDataViewType)column.Annotations.Schema[AnnotationUtils.Kinds.KeyValues].Type;
        if (kvType.ItemType is TextDataViewType)
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetKeyValues(ref names);
            var result = new string[names.Length];
            for (int i = 0; i < result.Length; i++) result[i] = names.GetValues()[i].ToString();
            return result;
        }
        var method = typeof(AnnotationUtils).GetMethod(nameof(KeyValueStringsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(kvType.ItemType.RawType);
        return (string[])method.Invoke(null, [column])!;
    }

    private static string[] KeyValueStringsOf<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        var result = new string[values.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = Convert.ToString(values.GetValues()[i], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return result;
    }
}
