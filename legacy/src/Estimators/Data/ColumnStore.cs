namespace MLVideo.Data;

/// <summary>Values of one column held in memory, slot by slot (for caching and shuffling).</summary>
internal abstract class ColumnStore
{
    /// <summary>A store for values of <paramref name="column"/>'s type.</summary>
    public static ColumnStore Create(DataViewSchema.Column column) =>
        (ColumnStore)Activator.CreateInstance(typeof(ColumnStore<>).MakeGenericType(column.Type.RawType), column)!;

    /// <summary>Reads the current row of <paramref name="source"/> into slots from now on.</summary>
    public abstract void Bind(DataViewRow source);

    /// <summary>Stores the bound row's value in <paramref name="slot"/> (growing the store as needed).</summary>
    public abstract void Load(int slot);

    /// <summary>Exchanges two slots.</summary>
    public abstract void Swap(int a, int b);

    /// <summary>A getter copying out the value of the slot <paramref name="currentSlot"/> returns.</summary>
    public abstract Delegate MakeGetter(Func<int> currentSlot);
}
