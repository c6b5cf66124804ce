using System.Collections;
using MLVideo.Data;

namespace MLVideo;

/// <summary>
/// What estimators know about a schema before data exists: per column its name, kind (scalar or
/// vector), item type, whether it is a key, and its annotations' shapes. As in ML.NET, a key column's
/// item type is its raw type (UInt32) with <see cref="Column.IsKey"/> set, and vector dimensions are
/// not part of the shape.
/// </summary>
public sealed partial class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>Creates a shape from columns.</summary>
    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
    }

    /// <summary>The shape of a schema's visible columns.</summary>
    public static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new List<Column>();
        foreach (var c in schema)
        {
            if (c.IsHidden) continue;
            var (kind, itemType, isKey) = GetColumnTypeShape(c.Type);
            var annotations = new List<Column>();
            foreach (var a in c.Annotations.Schema)
            {
                if (a.IsHidden) continue;
                var (ak, ai, aKey) = GetColumnTypeShape(a.Type);
                annotations.Add(new Column(a.Name, ak, ai, aKey));
            }
            columns.Add(new Column(c.Name, kind, itemType, isKey, new SchemaShape(annotations)));
        }
        return new SchemaShape(columns);
    }

    /// <summary>Splits a type into (kind, item type, is key) the way shapes describe it.</summary>
    public static (Column.VectorKind Kind, DataViewType ItemType, bool IsKey) GetColumnTypeShape(DataViewType type)
    {
        Column.VectorKind kind;
        DataViewType itemType;
        if (type is VectorDataViewType vector)
        {
            kind = vector.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector;
            itemType = vector.ItemType;
        }
        else
        {
            kind = Column.VectorKind.Scalar;
            itemType = type;
        }
        bool isKey = itemType is KeyDataViewType;
        if (isKey) itemType = NumberDataViewType.For(itemType.RawType)!;
        return (kind, itemType, isKey);
    }

    /// <summary>Number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>Column at <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>Finds the last column named <paramref name="name"/>.</summary>
    public bool TryFindColumn(string name, out Column column)
    {
        for (int i = _columns.Length - 1; i >= 0; i--)
        {
            if (_columns[i].Name == name)
            {
                column = _columns[i];
                return true;
            }
        }
        column = default;
        return false;
    }

    /// <summary>ML.NET's spelling of <see cref="TryFindColumn"/>.</summary>
    public bool FindColumn(string name, out Column column) => TryFindColumn(name, out column);

    /// <summary>
    /// The input column <paramref name="name"/>, checked with <paramref name="isValid"/>; throws
    /// <see cref="SchemaMismatchException"/> naming the column, <paramref name="expected"/> and the actual type.
    /// </summary>
    public Column RequireColumn(string name, string role, Func<Column, bool> isValid, string expected)
    {
        if (!TryFindColumn(name, out var column)) throw SchemaMismatchException.Missing("inputSchema", role, name, this);
        if (!isValid(column)) throw SchemaMismatchException.Mismatch("inputSchema", role, name, expected, column.GetTypeString());
        return column;
    }

    /// <summary>A copy where <paramref name="columns"/> replace same-named columns or are appended.</summary>
    public SchemaShape WithColumns(params Column[] columns)
    {
        var list = _columns.ToList();
        foreach (var c in columns)
        {
            int at = list.FindIndex(x => x.Name == c.Name);
            if (at >= 0) list.RemoveAt(at);
            list.Add(c);
        }
        return new SchemaShape(list);
    }

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}: {c.GetTypeString()}"));
}
