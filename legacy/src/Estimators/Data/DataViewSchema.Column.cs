namespace MLVideo.Data;

public sealed partial class DataViewSchema
{
    /// <summary>One column of a schema.</summary>
    public readonly struct Column
    {
        internal Column(string name, int index, bool isHidden, DataViewType type, Annotations annotations)
        {
            Name = name;
            Index = index;
            IsHidden = isHidden;
            Type = type;
            Annotations = annotations;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>Position in the schema.</summary>
        public int Index { get; }

        /// <summary>Whether a later column of the same name hides this one.</summary>
        public bool IsHidden { get; }

        /// <summary>The column type.</summary>
        public DataViewType Type { get; }

        /// <summary>Extra data about the column (key values, slot names, ...).</summary>
        public Annotations Annotations { get; }

        /// <summary>Whether the column has a <c>KeyValues</c> annotation.</summary>
        public bool HasKeyValues() => Annotations.Schema.GetColumnOrNull(AnnotationUtils.Kinds.KeyValues) is not null;

        /// <summary>Whether the column has a <c>SlotNames</c> annotation.</summary>
        public bool HasSlotNames() => Annotations.Schema.GetColumnOrNull(AnnotationUtils.Kinds.SlotNames) is not null;

        /// <summary>Reads the <c>KeyValues</c> annotation: the name of key value i+1 at index i.</summary>
        public void GetKeyValues<TValue>(ref VBuffer<TValue> keyValues) =>
            Annotations.GetValue(AnnotationUtils.Kinds.KeyValues, ref keyValues);

        /// <summary>Reads the <c>SlotNames</c> annotation of a vector column.</summary>
        public void GetSlotNames(ref VBuffer<ReadOnlyMemory<char>> slotNames) =>
            Annotations.GetValue(AnnotationUtils.Kinds.SlotNames, ref slotNames);

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Index}): {Type}";
    }
}
