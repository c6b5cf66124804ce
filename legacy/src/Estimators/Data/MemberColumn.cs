using System.Linq.Expressions;
using System.Reflection;

namespace MLVideo.Data;

/// <summary>
/// A field or property of a row class seen as a column: its name, column type and typed accessors
/// converting between the member's .NET type (string, arrays) and the column's raw type
/// (<see cref="ReadOnlyMemory{T}"/>, <see cref="VBuffer{T}"/>).
/// </summary>
internal sealed class MemberColumn
{
    private static readonly MethodInfo[] Helpers = typeof(MemberColumn).GetMethods(BindingFlags.NonPublic | BindingFlags.Static);

    public MemberColumn(string name, DataViewType columnType, MemberInfo member, Type memberType, LoadColumnAttribute? load)
    {
        Name = name;
        ColumnType = columnType;
        Member = member;
        MemberType = memberType;
        Load = load;
    }

    public string Name { get; }

    public DataViewType ColumnType { get; }

    public MemberInfo Member { get; }

    public Type MemberType { get; }

    public LoadColumnAttribute? Load { get; }

    public bool CanWrite => Member is FieldInfo { IsInitOnly: false } || Member is PropertyInfo { CanWrite: true };

    /// <summary>A <c>ValueGetter&lt;RawType&gt;</c> reading this member of the object <paramref name="current"/> returns.</summary>
    public Delegate MakeGetter<TRow>(Func<TRow> current)
    {
        var read = CompileReader<TRow>();
        var (helper, args) = ConversionHelper("Get", typeof(TRow));
        return (Delegate)helper.Invoke(null, [read, current, .. args])!;
    }

    /// <summary>An action copying the current value of <paramref name="column"/> in <paramref name="row"/> into this member.</summary>
    public Action<TRow> MakeSetter<TRow>(DataViewRow row, DataViewSchema.Column column)
    {
        if (!CanWrite) throw new InvalidOperationException($"Member '{Member.Name}' of {typeof(TRow).Name} cannot be written.");
        var getter = typeof(DataViewRow).GetMethod(nameof(DataViewRow.GetGetter))!.MakeGenericMethod(ColumnType.RawType).Invoke(row, [column])!;
        var write = CompileWriter<TRow>();
        var (helper, args) = ConversionHelper("Set", typeof(TRow));
        return (Action<TRow>)helper.Invoke(null, [getter, write, .. args])!;
    }

    private (MethodInfo Helper, object[] Args) ConversionHelper(string prefix, Type rowType)
    {
        Type raw = ColumnType.RawType;
        if (MemberType == typeof(string)) return (Find(prefix + "Text", rowType), []);
        if (MemberType == typeof(string[])) return (Find(prefix + "TextArray", rowType), [Name, ColumnType]);
        if (MemberType.IsArray) return (Find(prefix + "Array", rowType, MemberType.GetElementType()!), [Name, ColumnType]);
        if (raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>))
            return (Find(prefix + "Vector", rowType, raw.GetGenericArguments()[0]), []);
        return (Find(prefix + "Direct", rowType, raw), []);
    }

    private static MethodInfo Find(string name, params Type[] typeArguments) =>
        Helpers.Single(m => m.Name == name).MakeGenericMethod(typeArguments);

    // Compiling an expression costs about a millisecond: do it once per member, not once per cursor.
    private Delegate? _reader;
    private Delegate? _writer;

    private Delegate CompileReader<TRow>() => _reader ??= CompileReaderCore<TRow>();

    private Delegate CompileWriter<TRow>() => _writer ??= CompileWriterCore<TRow>();

    private Delegate CompileReaderCore<TRow>()
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        Expression body = Member is FieldInfo f ? Expression.Field(row, f) : Expression.Property(row, (PropertyInfo)Member);
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(TRow), MemberType), body, row).Compile();
    }

    private Delegate CompileWriterCore<TRow>()
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var value = Expression.Parameter(MemberType, "value");
        Expression target = Member is FieldInfo f ? Expression.Field(row, f) : Expression.Property(row, (PropertyInfo)Member);
        return Expression.Lambda(typeof(Action<,>).MakeGenericType(typeof(TRow), MemberType), Expression.Assign(target, value), row, value).Compile();
    }

    private static ValueGetter<TValue> GetDirect<TRow, TValue>(Func<TRow, TValue> read, Func<TRow> current) =>
        (ref TValue dst) => dst = read(current());

    private static ValueGetter<ReadOnlyMemory<char>> GetText<TRow>(Func<TRow, string?> read, Func<TRow> current) =>
        (ref ReadOnlyMemory<char> dst) => dst = (read(current()) ?? "").AsMemory();

    private static ValueGetter<VBuffer<TItem>> GetVector<TRow, TItem>(Func<TRow, VBuffer<TItem>> read, Func<TRow> current) =>
        (ref VBuffer<TItem> dst) => read(current()).CopyTo(ref dst);

    private static ValueGetter<VBuffer<TItem>> GetArray<TRow, TItem>(Func<TRow, TItem[]?> read, Func<TRow> current, string name, DataViewType type) =>
        (ref VBuffer<TItem> dst) =>
        {
            var values = read(current()) ?? [];
            CheckSize(name, type, values.Length);
            var editor = VBufferEditor.Create(ref dst, values.Length);
            values.CopyTo(editor.Values);
            dst = editor.Commit();
        };

    private static ValueGetter<VBuffer<ReadOnlyMemory<char>>> GetTextArray<TRow>(Func<TRow, string?[]?> read, Func<TRow> current, string name, DataViewType type) =>
        (ref VBuffer<ReadOnlyMemory<char>> dst) =>
        {
            var values = read(current()) ?? [];
            CheckSize(name, type, values.Length);
            var editor = VBufferEditor.Create(ref dst, values.Length);
            for (int i = 0; i < values.Length; i++) editor.Values[i] = (values[i] ?? "").AsMemory();
            dst = editor.Commit();
        };

    private static void CheckSize(string name, DataViewType type, int length)
    {
        if (type is VectorDataViewType { IsKnownSize: true } v && v.Size != length)
            throw new InvalidOperationException($"Column '{name}' is declared as {v} but a row holds {length} values.");
    }

    private static Action<TRow> SetDirect<TRow, TValue>(ValueGetter<TValue> getter, Action<TRow, TValue> write)
    {
        TValue value = default!;
        return row =>
        {
            getter(ref value);
            write(row, value);
        };
    }

    private static Action<TRow> SetText<TRow>(ValueGetter<ReadOnlyMemory<char>> getter, Action<TRow, string> write)
    {
        ReadOnlyMemory<char> value = default;
        return row =>
        {
            getter(ref value);
            write(row, value.ToString());
        };
    }

    private static Action<TRow> SetVector<TRow, TItem>(ValueGetter<VBuffer<TItem>> getter, Action<TRow, VBuffer<TItem>> write)
    {
        VBuffer<TItem> value = default;
        return row =>
        {
            getter(ref value);
            VBuffer<TItem> copy = default; // rows must not share the reused buffer
            value.CopyTo(ref copy);
            write(row, copy);
        };
    }

    private static Action<TRow> SetArray<TRow, TItem>(ValueGetter<VBuffer<TItem>> getter, Action<TRow, TItem[]> write, string name, DataViewType type)
    {
        VBuffer<TItem> value = default;
        return row =>
        {
            getter(ref value);
            write(row, value.GetValues().ToArray());
        };
    }

    private static Action<TRow> SetTextArray<TRow>(ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter, Action<TRow, string[]> write, string name, DataViewType type)
    {
        VBuffer<ReadOnlyMemory<char>> value = default;
        return row =>
        {
            getter(ref value);
            var values = value.GetValues();
            var result = new string[values.Length];
            for (int i = 0; i < result.Length; i++) result[i] = values[i].ToString();
            write(row, result);
        };
    }
}
