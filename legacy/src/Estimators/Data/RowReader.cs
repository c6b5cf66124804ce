namespace MLVideo.Data;

/// <summary>Reads data view rows into objects (<c>CreateEnumerable</c>).</summary>
internal sealed class RowReader<TRow> where TRow : class, new()
{
    private readonly List<(MemberColumn Member, DataViewSchema.Column Column)> _pairs;

    private RowReader(List<(MemberColumn, DataViewSchema.Column)> pairs) => _pairs = pairs;

    /// <summary>Matches members to columns by name and checks their types.</summary>
    public static RowReader<TRow> Create(DataViewSchema schema, bool ignoreMissingColumns)
    {
        var mapping = RowTypeMapping.For(typeof(TRow));
        var pairs = new List<(MemberColumn, DataViewSchema.Column)>();
        foreach (var member in mapping.Columns)
        {
            var column = schema.GetColumnOrNull(member.Name);
            if (column is null)
            {
                if (ignoreMissingColumns) continue;
                throw SchemaMismatchException.Missing(nameof(schema), "source", member.Name, schema);
            }
            var c = column.Value;
            if (!Compatible(member.ColumnType, c.Type))
                throw SchemaMismatchException.Mismatch(nameof(schema), "source", member.Name, member.ColumnType.ToString()!, c.Type.ToString()!);
            if (!member.CanWrite)
                throw new InvalidOperationException($"{typeof(TRow).Name}.{member.Member.Name} cannot be written; give it a setter or mark it [NoColumn].");
            pairs.Add((member, c));
        }
        return new RowReader<TRow>(pairs);
    }

    private static bool Compatible(DataViewType memberType, DataViewType columnType)
    {
        if (memberType.RawType != columnType.RawType) return false;
        // Arrays read vectors of any size; keys read keys of any count.
        if (memberType is VectorDataViewType mv && columnType is VectorDataViewType cv)
            return mv.ItemType.RawType == cv.ItemType.RawType && (!mv.IsKnownSize || mv.Size == cv.Size);
        return memberType is KeyDataViewType || columnType is KeyDataViewType || memberType.Equals(columnType) || memberType.RawType == typeof(uint);
    }

    /// <summary>The columns the reader reads.</summary>
    public IEnumerable<DataViewSchema.Column> Columns => _pairs.Select(p => p.Column);

    /// <summary>Every row of <paramref name="data"/> as an object.</summary>
    public IEnumerable<TRow> ReadAll(IDataView data, bool reuseRowObject)
    {
        using var cursor = data.GetRowCursor(_pairs.Select(p => p.Column));
        var setters = _pairs.Select(p => p.Member.MakeSetter<TRow>(cursor, p.Column)).ToArray();
        TRow? shared = reuseRowObject ? new TRow() : null;
        while (cursor.MoveNext())
        {
            var row = shared ?? new TRow();
            foreach (var set in setters) set(row);
            yield return row;
        }
    }

    /// <summary>Setters that fill an object from the current row of <paramref name="source"/>.</summary>
    public Action<TRow>[] MakeSetters(DataViewRow source) => _pairs.Select(p => p.Member.MakeSetter<TRow>(source, p.Column)).ToArray();
}
