namespace MLVideo.Data;

public sealed partial class DataViewSchema
{
    /// <summary>A column description not yet placed in a schema (name, type, annotations).</summary>
    public readonly struct DetachedColumn
    {
        /// <summary>Creates a column description.</summary>
        public DetachedColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(type);
            Name = name;
            Type = type;
            Annotations = annotations ?? Annotations.Empty;
        }

        /// <summary>Copies a schema column's name, type and annotations.</summary>
        public DetachedColumn(Column column) : this(column.Name, column.Type, column.Annotations)
        {
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The column type.</summary>
        public DataViewType Type { get; }

        /// <summary>The annotations.</summary>
        public Annotations Annotations { get; }
    }
}
