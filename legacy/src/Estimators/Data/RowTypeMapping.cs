using System.Collections.Concurrent;
using System.Reflection;

namespace MLVideo.Data;

/// <summary>The columns of a row class: public fields then public properties (each in declaration order), with their attributes applied.</summary>
internal sealed class RowTypeMapping
{
    private static readonly ConcurrentDictionary<Type, RowTypeMapping> Cache = new();

    private RowTypeMapping(Type rowType, IReadOnlyList<MemberColumn> columns, IReadOnlyList<DataViewSchema.Annotations>? annotations = null)
    {
        RowType = rowType;
        Columns = columns;
        var builder = new DataViewSchema.Builder();
        for (int i = 0; i < columns.Count; i++) builder.AddColumn(columns[i].Name, columns[i].ColumnType, annotations?[i]);
        Schema = builder.ToSchema();
    }

    public Type RowType { get; }

    public IReadOnlyList<MemberColumn> Columns { get; }

    public DataViewSchema Schema { get; }

    public static RowTypeMapping For(Type rowType) => Cache.GetOrAdd(rowType, Build);

    /// <summary>
    /// This mapping with column types (and annotations) taken from <paramref name="schema"/> for members of
    /// the same name, e.g. to give an unsized array member its vector size or a key its KeyValues.
    /// </summary>
    public RowTypeMapping WithSchema(DataViewSchema schema)
    {
        var columns = new List<MemberColumn>();
        var annotations = new List<DataViewSchema.Annotations>();
        foreach (var c in Columns)
        {
            if (schema.GetColumnOrNull(c.Name) is not { } target)
            {
                columns.Add(c);
                annotations.Add(DataViewSchema.Annotations.Empty);
                continue;
            }
            if (target.Type.RawType != c.ColumnType.RawType)
                throw SchemaMismatchException.Mismatch(nameof(schema), "source", c.Name, target.Type.ToString()!, c.ColumnType.ToString()!);
            columns.Add(new MemberColumn(c.Name, target.Type, c.Member, c.MemberType, c.Load));
            annotations.Add(target.Annotations);
        }
        return new RowTypeMapping(RowType, columns, annotations);
    }

    private static RowTypeMapping Build(Type rowType)
    {
        var columns = new List<MemberColumn>();
        var members = rowType.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is FieldInfo || m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0)
            .OrderBy(m => m is FieldInfo ? 0 : 1).ThenBy(m => m.MetadataToken); // fields, then properties, each in declaration order
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null) continue;
            Type memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var type = ColumnTypeOf(rowType, member, memberType);
            columns.Add(new MemberColumn(name, type, member, memberType, member.GetCustomAttribute<LoadColumnAttribute>()));
        }
        return new RowTypeMapping(rowType, columns);
    }

    private static DataViewType ColumnTypeOf(Type rowType, MemberInfo member, Type memberType)
    {
        var key = member.GetCustomAttribute<KeyTypeAttribute>();
        var vector = member.GetCustomAttribute<VectorTypeAttribute>();
        Type itemType = memberType.IsArray ? memberType.GetElementType()!
            : memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>) ? memberType.GetGenericArguments()[0]
            : memberType;
        bool isVector = itemType != memberType;
        DataViewType? item;
        if (key is not null)
        {
            if (itemType != typeof(uint))
                throw new InvalidOperationException($"{rowType.Name}.{member.Name}: [KeyType] needs a UInt32 member (or array of UInt32); got {memberType.Name}.");
            item = new KeyDataViewType(typeof(uint), key.Count);
        }
        else
        {
            item = DataViewTypeManager.GetScalarType(itemType);
        }
        if (item is null)
            throw new InvalidOperationException(
                $"{rowType.Name}.{member.Name}: type {memberType.Name} has no column type. Use string, float, double, int, long, uint, bool, arrays of those, " +
                "or register a type with DataViewTypeManager.Register; mark other members [NoColumn].");
        if (!isVector)
        {
            if (vector is not null) throw new InvalidOperationException($"{rowType.Name}.{member.Name}: [VectorType] needs an array member; got {memberType.Name}.");
            return item;
        }
        if (item is not PrimitiveDataViewType primitive)
            throw new InvalidOperationException($"{rowType.Name}.{member.Name}: vectors of {itemType.Name} are not supported (vector items must be text, numbers, Boolean or keys).");
        return new VectorDataViewType(primitive, vector?.Dimensions ?? []);
    }
}
