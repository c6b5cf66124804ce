using MLVideo.Data;

namespace MLVideo;

/// <summary>
/// A column is missing or has the wrong type. Messages use ML.NET's wording ("Schema mismatch for
/// input column 'X': expected ..., got ..." and "Could not find input column 'X'"). It derives from
/// <see cref="ArgumentOutOfRangeException"/>, the type ML.NET throws for these errors.
/// </summary>
public sealed class SchemaMismatchException : ArgumentOutOfRangeException
{
    private SchemaMismatchException(string paramName, string message, string columnName, string columnRole, string? expectedType, string? actualType)
        : base(paramName, message)
    {
        ColumnName = columnName;
        ColumnRole = columnRole;
        ExpectedType = expectedType;
        ActualType = actualType;
    }

    /// <summary>The column at fault.</summary>
    public string ColumnName { get; }

    /// <summary>Its role, e.g. <c>input</c>, <c>label</c>, <c>score</c>.</summary>
    public string ColumnRole { get; }

    /// <summary>The expected type, or null when the column is missing.</summary>
    public string? ExpectedType { get; }

    /// <summary>The actual type, or null when the column is missing.</summary>
    public string? ActualType { get; }

    /// <summary>The column exists with the wrong type.</summary>
    public static SchemaMismatchException Mismatch(string paramName, string columnRole, string columnName, string expectedType, string actualType) =>
        new(paramName, $"Schema mismatch for {columnRole} column '{columnName}': expected {expectedType}, got {actualType}",
            columnName, columnRole, expectedType, actualType);

    /// <summary>The column does not exist in a schema.</summary>
    public static SchemaMismatchException Missing(string paramName, string columnRole, string columnName, DataViewSchema? schema = null) =>
        new(paramName, $"Could not find {columnRole} column '{columnName}'" + (schema is null ? "" : $" (available columns: {schema.DescribeNames()})"),
            columnName, columnRole, null, null);

    /// <summary>The column does not exist in a schema shape.</summary>
    public static SchemaMismatchException Missing(string paramName, string columnRole, string columnName, SchemaShape shape) =>
        new(paramName, $"Could not find {columnRole} column '{columnName}' (available columns: {string.Join(", ", shape.Select(c => $"'{c.Name}'"))})",
            columnName, columnRole, null, null);
}
