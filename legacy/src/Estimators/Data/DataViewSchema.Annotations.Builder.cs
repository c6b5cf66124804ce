namespace MLVideo.Data;

public sealed partial class DataViewSchema
{
    public sealed partial class Annotations
    {
        /// <summary>Builds an annotation set.</summary>
        public sealed class Builder
        {
            private readonly List<DetachedColumn> _columns = [];
            private readonly List<Delegate> _getters = [];

            /// <summary>Adds an annotation read by <paramref name="getter"/>.</summary>
            public void Add<TValue>(string kind, DataViewType type, ValueGetter<TValue> getter)
            {
                ArgumentNullException.ThrowIfNull(getter);
                if (type.RawType != typeof(TValue))
                    throw new ArgumentException($"Annotation '{kind}' of type {type} is read as {type.RawType.Name}, not {typeof(TValue).Name}.", nameof(getter));
                _columns.Add(new DetachedColumn(kind, type));
                _getters.Add(getter);
            }

            /// <summary>Adds a constant annotation.</summary>
            public void Add<TValue>(string kind, DataViewType type, TValue value) =>
                Add(kind, type, (ref TValue dst) => dst = value);

            /// <summary>Adds the <c>KeyValues</c> annotation: <paramref name="size"/> names of the key values.</summary>
            public void AddKeyValues<TValue>(int size, PrimitiveDataViewType valueType, ValueGetter<VBuffer<TValue>> getter) =>
                Add(AnnotationUtils.Kinds.KeyValues, new VectorDataViewType(valueType, size), getter);

            /// <summary>Adds the <c>SlotNames</c> annotation: one name per vector slot.</summary>
            public void AddSlotNames(int size, ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter) =>
                Add(AnnotationUtils.Kinds.SlotNames, new VectorDataViewType(TextDataViewType.Instance, size), getter);

            /// <summary>Copies the annotations of <paramref name="annotations"/> whose kind <paramref name="selector"/> accepts.</summary>
            public void Add(Annotations annotations, Func<string, bool> selector)
            {
                foreach (var c in annotations.Schema)
                {
                    if (c.IsHidden || !selector(c.Name)) continue;
                    _columns.Add(new DetachedColumn(c.Name, c.Type));
                    _getters.Add(annotations._getters[c.Index]);
                }
            }

            /// <summary>The annotation set built so far.</summary>
            public Annotations ToAnnotations() => _columns.Count == 0 ? Empty : new(DataViewSchema.Create(_columns.ToArray()), _getters.ToArray());
        }
    }
}
