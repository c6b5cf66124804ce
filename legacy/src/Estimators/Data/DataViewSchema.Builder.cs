namespace MLVideo.Data;

public sealed partial class DataViewSchema
{
    /// <summary>Builds a schema column by column.</summary>
    public sealed class Builder
    {
        private readonly List<DetachedColumn> _columns = [];

        /// <summary>Appends a column.</summary>
        public void AddColumn(string name, DataViewType type, Annotations? annotations = null) =>
            _columns.Add(new DetachedColumn(name, type, annotations));

        /// <summary>Appends columns copied from a schema (hidden ones too).</summary>
        public void AddColumns(IEnumerable<Column> columns)
        {
            foreach (var c in columns) _columns.Add(new DetachedColumn(c));
        }

        /// <summary>Appends column descriptions.</summary>
        public void AddColumns(IEnumerable<DetachedColumn> columns) => _columns.AddRange(columns);

        /// <summary>The schema built so far.</summary>
        public DataViewSchema ToSchema() => new(_columns.ToArray());
    }
}
