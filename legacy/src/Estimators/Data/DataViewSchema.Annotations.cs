namespace MLVideo.Data;

public sealed partial class DataViewSchema
{
    /// <summary>
    /// Named values attached to a column (e.g. <c>KeyValues</c>, <c>SlotNames</c>); each has a type and
    /// is read through a getter, as in ML.NET.
    /// </summary>
    public sealed partial class Annotations
    {
        private readonly Delegate[] _getters;

        internal Annotations(DataViewSchema schema, Delegate[] getters)
        {
            Schema = schema;
            _getters = getters;
        }

        /// <summary>No annotations.</summary>
        public static Annotations Empty { get; } = new(DataViewSchema.Empty, []);

        /// <summary>Names and types of the annotations.</summary>
        public DataViewSchema Schema { get; }

        /// <summary>Reads the annotation <paramref name="kind"/>; throws when it is absent or of another type.</summary>
        public void GetValue<TValue>(string kind, ref TValue value)
        {
            var column = Schema.GetColumnOrNull(kind)
                ?? throw new InvalidOperationException($"Annotation '{kind}' is not present. Available: {Schema.DescribeNames()}.");
            GetGetter<TValue>(column)(ref value);
        }

        /// <summary>The getter of one annotation.</summary>
        public ValueGetter<TValue> GetGetter<TValue>(Column column)
        {
            if ((uint)column.Index >= (uint)_getters.Length || !ReferenceEquals(Schema[column.Index].Annotations, column.Annotations) || Schema[column.Index].Name != column.Name)
                throw new ArgumentException($"Column '{column.Name}' is not an annotation of this set.", nameof(column));
            return _getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException(
                    $"Annotation '{column.Name}' has type {column.Type} (read as {column.Type.RawType.Name}); it cannot be read as {typeof(TValue).Name}.");
        }
    }
}
