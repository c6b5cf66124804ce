namespace MLVideo.Data;

public static partial class TextLoader
{
    /// <summary>A column to load: its name, kind and the 0-based source field(s) of each line.</summary>
    public sealed class Column
    {
        /// <summary>A scalar column from field <paramref name="index"/>.</summary>
        public Column(string name, DataKind dataKind, int index) : this(name, dataKind, [index], isVector: false)
        {
        }

        /// <summary>A vector column from fields <paramref name="minIndex"/>..<paramref name="maxIndex"/> (inclusive).</summary>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex)
            : this(name, dataKind, maxIndex >= minIndex ? Enumerable.Range(minIndex, maxIndex - minIndex + 1).ToArray()
                : throw new ArgumentOutOfRangeException(nameof(maxIndex), $"maxIndex {maxIndex} < minIndex {minIndex}."), isVector: true)
        {
        }

        private Column(string name, DataKind dataKind, int[] source, bool isVector)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (source.Any(i => i < 0)) throw new ArgumentOutOfRangeException(nameof(source), $"Column '{name}': field indices must be >= 0.");
            Name = name;
            DataKind = dataKind;
            Source = source;
            IsVector = isVector;
            ItemType = TypeOf(dataKind, name);
        }

        internal Column(string name, PrimitiveDataViewType itemType, int[] source, bool isVector)
        {
            Name = name;
            ItemType = itemType;
            Source = source;
            IsVector = isVector;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The data kind.</summary>
        public DataKind DataKind { get; }

        /// <summary>The source fields.</summary>
        public IReadOnlyList<int> Source { get; }

        /// <summary>Whether the column is a vector (built from a range of fields).</summary>
        public bool IsVector { get; }

        internal PrimitiveDataViewType ItemType { get; }

        internal DataViewType ColumnType => IsVector ? new VectorDataViewType(ItemType, Source.Count) : ItemType;
    }
}
