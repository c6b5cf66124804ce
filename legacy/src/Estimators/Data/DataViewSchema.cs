using System.Collections;

namespace MLVideo.Data;

/// <summary>
/// The ordered columns of an <see cref="IDataView"/>. Several columns may share a name; the last one
/// is visible by name and the earlier ones are hidden (as in ML.NET, where a transform writing a
/// column that already exists hides the old one).
/// </summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _lastIndexByName;

    private DataViewSchema(IReadOnlyList<DetachedColumn> columns)
    {
        _lastIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++) _lastIndexByName[columns[i].Name] = i;
        _columns = new Column[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            _columns[i] = new Column(c.Name, i, _lastIndexByName[c.Name] != i, c.Type, c.Annotations);
        }
    }

    /// <summary>An empty schema.</summary>
    internal static DataViewSchema Empty { get; } = new([]);

    /// <summary>Creates a schema from detached columns, in order.</summary>
    internal static DataViewSchema Create(IReadOnlyList<DetachedColumn> columns) => new(columns);

    /// <summary>Number of columns, hidden ones included.</summary>
    public int Count => _columns.Length;

    /// <summary>Column at <paramref name="columnIndex"/>.</summary>
    public Column this[int columnIndex]
    {
        get
        {
            if ((uint)columnIndex >= (uint)_columns.Length)
                throw new ArgumentOutOfRangeException(nameof(columnIndex), columnIndex, $"The schema has {_columns.Length} columns.");
            return _columns[columnIndex];
        }
    }

    /// <summary>The visible column named <paramref name="name"/>; throws when there is none.</summary>
    public Column this[string name] =>
        GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name), $"Column '{name}' not found. Available columns: {DescribeNames()}.");

    /// <summary>The visible column named <paramref name="name"/>, or null.</summary>
    public Column? GetColumnOrNull(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _lastIndexByName.TryGetValue(name, out int i) ? _columns[i] : null;
    }

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Visible column names, comma separated, for error messages.</summary>
    internal string DescribeNames() =>
        _columns.Length == 0 ? "(none)" : string.Join(", ", _columns.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}: {c.Type}"));
}
