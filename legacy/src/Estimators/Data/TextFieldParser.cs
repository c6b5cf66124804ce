using System.Globalization;

namespace MLVideo.Data;

/// <summary>Parses text fields into column values, with errors naming the file, line and column.</summary>
internal static class TextFieldParser
{
    /// <summary>A parser (<c>Func&lt;string, T&gt;</c>, T the raw type of <paramref name="type"/>) throwing <see cref="FormatException"/> for bad fields.</summary>
    public static Delegate For(PrimitiveDataViewType type) => type switch
    {
        TextDataViewType => (Func<string, ReadOnlyMemory<char>>)(s => s.AsMemory()),
        BooleanDataViewType => (Func<string, bool>)ParseBoolean,
        KeyDataViewType key => (Func<string, uint>)(s => ParseKey(s, key.Count)),
        _ when type.RawType == typeof(float) => (Func<string, float>)(s => (float)ParseReal(s, "Single")),
        _ when type.RawType == typeof(double) => (Func<string, double>)(s => ParseReal(s, "Double")),
        _ when type.RawType == typeof(int) => (Func<string, int>)(s => (int)ParseInteger(s, int.MinValue, int.MaxValue, "Int32")),
        _ when type.RawType == typeof(long) => (Func<string, long>)(s => ParseInteger(s, long.MinValue, long.MaxValue, "Int64")),
        _ when type.RawType == typeof(uint) => (Func<string, uint>)(s => (uint)ParseInteger(s, 0, uint.MaxValue, "UInt32")),
        _ => throw new NotSupportedException($"Text columns of type {type} are not supported."),
    };

    private static double ParseReal(string s, string typeName)
    {
        var t = s.AsSpan().Trim();
        if (t.IsEmpty || t is "?" || t.Equals("NaN", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw new FormatException($"'{s}' is not a valid {typeName}.");
    }

    private static long ParseInteger(string s, long min, long max, string typeName)
    {
        var t = s.AsSpan().Trim();
        if (t.IsEmpty) return 0;
        if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max) return value;
        throw new FormatException($"'{s}' is not a valid {typeName}.");
    }

    private static uint ParseKey(string s, ulong count)
    {
        long value = ParseInteger(s, 0, uint.MaxValue, "key");
        if ((ulong)value > count) throw new FormatException($"key value {value} exceeds the key count {count}.");
        return (uint)value;
    }

    private static bool ParseBoolean(string s)
    {
        var t = s.AsSpan().Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t is "1" || t.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase) || t is "0" || t.Equals("no", StringComparison.OrdinalIgnoreCase) || t.IsEmpty) return false;
        throw new FormatException($"'{s}' is not a valid Boolean.");
    }
}
