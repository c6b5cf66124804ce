using System.Collections.Concurrent;

namespace MLVideo.Data;

/// <summary>
/// Maps .NET types of class members to column types beyond the built-in ones: a library registers
/// its structured types (e.g. a video) so <c>LoadFromEnumerable</c> and <c>CreateEnumerable</c> know them.
/// </summary>
public static class DataViewTypeManager
{
    private static readonly ConcurrentDictionary<Type, DataViewType> Registered = new();

    /// <summary>Registers <paramref name="type"/> for members of type <paramref name="rawType"/> (must equal its RawType).</summary>
    public static void Register(DataViewType type, Type rawType)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(rawType);
        if (type.RawType != rawType)
            throw new ArgumentException($"Column type {type} is read as {type.RawType.Name}, not {rawType.Name}.", nameof(rawType));
        var existing = Registered.GetOrAdd(rawType, type);
        if (!existing.Equals(type))
            throw new InvalidOperationException($"{rawType.Name} is already registered as column type {existing}.");
    }

    /// <summary>The column type registered for <paramref name="rawType"/>, or null.</summary>
    public static DataViewType? GetDataViewTypeOrNull(Type rawType) =>
        Registered.TryGetValue(rawType, out var type) ? type : null;

    /// <summary>The registered type whose <c>ToString()</c> is <paramref name="name"/> (how model files name structured types), or null.</summary>
    public static DataViewType? GetDataViewTypeByNameOrNull(string name) =>
        Registered.Values.FirstOrDefault(t => t.ToString() == name);

    /// <summary>The column type for a member's .NET type (built-in or registered), or null.</summary>
    internal static DataViewType? GetScalarType(Type memberType) =>
        memberType == typeof(string) || memberType == typeof(ReadOnlyMemory<char>) ? TextDataViewType.Instance
        : memberType == typeof(bool) ? BooleanDataViewType.Instance
        : (DataViewType?)NumberDataViewType.For(memberType) ?? GetDataViewTypeOrNull(memberType);
}
