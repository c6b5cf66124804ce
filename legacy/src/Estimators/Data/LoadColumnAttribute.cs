namespace MLVideo.Data;

/// <summary>Which text-file column(s) fill a field or property when loading with <c>LoadFromTextFile&lt;T&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>One source column (0-based).</summary>
    public LoadColumnAttribute(int fieldIndex) : this([fieldIndex])
    {
    }

    /// <summary>The inclusive range <paramref name="start"/>..<paramref name="end"/> of source columns, as a vector.</summary>
    public LoadColumnAttribute(int start, int end)
        : this(Enumerable.Range(start, end >= start ? end - start + 1 : throw new ArgumentOutOfRangeException(nameof(end), $"end {end} < start {start}.")).ToArray())
    {
    }

    /// <summary>Several source columns, as a vector.</summary>
    public LoadColumnAttribute(int[] columnIndexes)
    {
        ArgumentNullException.ThrowIfNull(columnIndexes);
        if (columnIndexes.Length == 0 || columnIndexes.Any(i => i < 0))
            throw new ArgumentOutOfRangeException(nameof(columnIndexes), "Column indices must be non-negative and at least one is needed.");
        Sources = (int[])columnIndexes.Clone();
    }

    /// <summary>The 0-based source column indices.</summary>
    public IReadOnlyList<int> Sources { get; }
}
