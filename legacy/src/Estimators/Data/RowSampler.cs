using System.Runtime.InteropServices;

namespace MLVideo.Data;

/// <summary>
/// Gives each row a repeatable uniform number in [0, 1) from a seed and either the row's sampling
/// key (so rows with equal keys get equal numbers and stay in the same split) or its position in the
/// unshuffled input. Splits and cross-validation folds are ranges of this number, as in ML.NET.
/// </summary>
internal sealed class RowSampler
{
    private readonly DataViewSchema.Column? _key;
    private readonly ulong _seed;

    public RowSampler(DataViewSchema schema, string? samplingKeyColumnName, int seed)
    {
        _seed = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        if (samplingKeyColumnName is null) return;
        var column = schema.GetColumnOrNull(samplingKeyColumnName)
            ?? throw SchemaMismatchException.Missing(nameof(samplingKeyColumnName), "sampling key", samplingKeyColumnName, schema);
        var raw = column.Type.RawType;
        if (raw != typeof(ReadOnlyMemory<char>) && raw != typeof(float) && raw != typeof(double) && raw != typeof(int)
            && raw != typeof(long) && raw != typeof(uint) && raw != typeof(bool))
            throw SchemaMismatchException.Mismatch(nameof(samplingKeyColumnName), "sampling key", samplingKeyColumnName,
                "a scalar text, number, Boolean or key column", column.Type.ToString()!);
        _key = column;
    }

    /// <summary>The columns to activate to compute the number.</summary>
    public IEnumerable<DataViewSchema.Column> Columns => _key is { } k ? [k] : [];

    /// <summary>Whether the number depends on the row order (no key column).</summary>
    public bool IsOrderDependent => _key is null;

    /// <summary>A function giving the current row's number for <paramref name="cursor"/>.</summary>
    public Func<double> Bind(DataViewRowCursor cursor)
    {
        if (_key is not { } key) return () => ToUnit(Mix((ulong)cursor.Position ^ _seed));
        Func<ulong> hash = key.Type.RawType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => HashOf<ReadOnlyMemory<char>>(cursor, key, v => HashChars(v.Span)),
            var t when t == typeof(float) => HashOf<float>(cursor, key, v => (ulong)BitConverter.SingleToUInt32Bits(v)),
            var t when t == typeof(double) => HashOf<double>(cursor, key, BitConverter.DoubleToUInt64Bits),
            var t when t == typeof(int) => HashOf<int>(cursor, key, v => (ulong)v),
            var t when t == typeof(long) => HashOf<long>(cursor, key, v => (ulong)v),
            var t when t == typeof(uint) => HashOf<uint>(cursor, key, v => v),
            _ => HashOf<bool>(cursor, key, v => v ? 1UL : 0UL),
        };
        return () => ToUnit(Mix(hash() ^ _seed));
    }

    private static Func<ulong> HashOf<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, ulong> hash)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return hash(value);
        };
    }

    private static ulong HashChars(ReadOnlySpan<char> text)
    {
        ulong h = 14695981039346656037UL; // FNV-1a over the UTF-16 code units
        foreach (byte b in MemoryMarshal.AsBytes(text))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }

    // SplitMix64 finaliser: spreads nearby inputs (row 0, 1, 2...) over the whole range.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double ToUnit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
