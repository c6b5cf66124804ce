namespace MLVideo.Data;

/// <summary>
/// Copies a column value into a caller's variable. Vectors are copied item by item into the caller's
/// own buffer, so a caller that later writes into its buffer cannot corrupt a value we keep cached.
/// </summary>
internal static class ValueCopier<T>
{
    /// <summary>Copies a source value into a destination variable.</summary>
    public static readonly CopyAction Copy = Create();

    /// <summary>A copy between two variables.</summary>
    public delegate void CopyAction(in T source, ref T destination);

    private static CopyAction Create()
    {
        if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var method = typeof(ValueCopier<T>).GetMethod(nameof(CopyVector), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(typeof(T).GetGenericArguments()[0]);
            return (CopyAction)Delegate.CreateDelegate(typeof(CopyAction), method);
        }
        return static (in T source, ref T destination) => destination = source;
    }

    private static void CopyVector<TItem>(in VBuffer<TItem> source, ref VBuffer<TItem> destination) => source.CopyTo(ref destination);
}
