using System.Text.Json;
using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo.Transforms;

/// <summary>A value-to-key dictionary for values of raw type <typeparamref name="T"/>.</summary>
internal sealed class KeyMap<T> : KeyMap where T : notnull
{
    private readonly T[] _values;
    private readonly Dictionary<T, uint> _keys;
    private readonly PrimitiveDataViewType _itemType;

    private KeyMap(PrimitiveDataViewType itemType, T[] values)
    {
        _itemType = itemType;
        _values = values;
        _keys = new Dictionary<T, uint>(values.Length, ValueComparer.Instance);
        for (int i = 0; i < values.Length; i++)
        {
            if (IsMissing(values[i])) throw new ArgumentException($"Key value {i + 1} is a missing value.");
            if (!_keys.TryAdd(values[i], (uint)(i + 1))) throw new ArgumentException($"Key value '{Format(values[i])}' appears twice.");
        }
    }

    /// <summary>Builds a map over known values (validated: no missing or duplicate values).</summary>
    public static KeyMap<T> Create(PrimitiveDataViewType itemType, T[] values, string location)
    {
        if (values.Length == 0) throw new ModelFormatException($"{location}: the key map is empty.");
        return new KeyMap<T>(itemType, values);
    }

    public override int Count => _values.Length;

    public override PrimitiveDataViewType ItemType => _itemType;

    /// <summary>The key of <paramref name="value"/>: 1..Count, or 0 for missing and unknown values.</summary>
    public uint GetKey(in T value) => _keys.TryGetValue(value, out uint key) ? key : 0;

    /// <summary>The value of key <paramref name="key"/> (1-based).</summary>
    public T GetValue(uint key) => _values[key - 1];

    public override JsonElement ValuesToJson() => typeof(T) == typeof(ReadOnlyMemory<char>)
        ? JsonSerializer.SerializeToElement(_values.Select(v => Format(v)).ToArray(), ModelJson.Options)
        : JsonSerializer.SerializeToElement(_values, ModelJson.Options);

    public override DataViewSchema.Annotations MakeKeyValues(bool asText)
    {
        if (asText && typeof(T) != typeof(ReadOnlyMemory<char>)) return AnnotationUtils.KeyValuesOf(_values.Select(v => Format(v)).ToArray());
        var builder = new DataViewSchema.Annotations.Builder();
        var values = _values;
        PrimitiveDataViewType valueType = _itemType is KeyDataViewType ? NumberDataViewType.UInt32 : _itemType;
        builder.AddKeyValues(values.Length, valueType, (ref VBuffer<T> dst) => new VBuffer<T>(values.Length, values).CopyTo(ref dst));
        return builder.ToAnnotations();
    }

    public override RowMapper MakeMapper(DataViewSchema schema, string outputColumnName, string inputColumnName, bool asText) =>
        new Mapper(this, schema, outputColumnName, inputColumnName, asText);

    /// <summary>Missing values (NaN, empty text, key 0) never get a key, as in ML.NET.</summary>
    private bool IsMissing(in T value) => value switch
    {
        float f => float.IsNaN(f),
        double d => double.IsNaN(d),
        ReadOnlyMemory<char> m => m.IsEmpty,
        uint k when _itemType is KeyDataViewType => k == 0,
        _ => false,
    };

    /// <summary>Collects distinct non-missing values in order of first occurrence.</summary>
    internal sealed class Builder
    {
        private readonly PrimitiveDataViewType _itemType;
        private readonly List<T> _values = [];
        private readonly HashSet<T> _seen = new(ValueComparer.Instance);
        private readonly KeyMap<T> _missingProbe;

        public Builder(PrimitiveDataViewType itemType)
        {
            _itemType = itemType;
            _missingProbe = new KeyMap<T>(itemType, []);
        }

        public int Count => _values.Count;

        public void TryAdd(T value)
        {
            if (_missingProbe.IsMissing(value) || _seen.Contains(value)) return;
            // Text getters may reuse their buffer: keep our own copy.
            if (value is ReadOnlyMemory<char> m) value = (T)(object)m.ToString().AsMemory();
            _seen.Add(value);
            _values.Add(value);
        }

        public KeyMap<T> Finish(bool byValue)
        {
            if (_values.Count == 0)
                throw new InvalidOperationException("The column has no non-missing values, so no key can be created.");
            var values = _values.ToArray();
            if (byValue) Array.Sort(values, ValueComparer.Instance);
            return new KeyMap<T>(_itemType, values);
        }
    }

    /// <summary>Equality and order of values: ordinal for text, default otherwise.</summary>
    private sealed class ValueComparer : IEqualityComparer<T>, IComparer<T>
    {
        public static readonly ValueComparer Instance = new();

        public bool Equals(T? x, T? y) => x is ReadOnlyMemory<char> a && y is ReadOnlyMemory<char> b
            ? a.Span.SequenceEqual(b.Span)
            : EqualityComparer<T>.Default.Equals(x, y);

        public int GetHashCode(T obj) => obj is ReadOnlyMemory<char> m ? string.GetHashCode(m.Span) : EqualityComparer<T>.Default.GetHashCode(obj);

        public int Compare(T? x, T? y) => x is ReadOnlyMemory<char> a && y is ReadOnlyMemory<char> b
            ? a.Span.SequenceCompareTo(b.Span)
            : Comparer<T>.Default.Compare(x, y);
    }

    private sealed class Mapper : OneToOneRowMapper<T, uint>
    {
        private readonly KeyMap<T> _map;

        public Mapper(KeyMap<T> map, DataViewSchema schema, string outputColumnName, string inputColumnName, bool asText)
            : base(schema, inputColumnName, new DataViewSchema.DetachedColumn(outputColumnName, new KeyDataViewType(typeof(uint), (ulong)map.Count), map.MakeKeyValues(asText)), map.ItemType.ToString())
        {
            _map = map;
            if (!InputColumn.Type.Equals(map.ItemType) && !(map.ItemType is KeyDataViewType && InputColumn.Type is KeyDataViewType))
                throw SchemaMismatchException.Mismatch(nameof(schema), "input", inputColumnName, map.ItemType.ToString()!, InputColumn.Type.ToString()!);
        }

        protected override void Map(in T source, ref uint result) => result = _map.GetKey(source);
    }
}
