using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLVideo;

/// <summary>ML.NET's own schema errors (the exception type and wording its components throw), in one place.</summary>
internal static class SchemaErrors
{
    /// <summary>"Could not find {role} column '{name}'".</summary>
    public static Exception Missing(string role, string name) =>
        Contracts.ExceptSchemaMismatch("inputSchema", role, name);

    /// <summary>"Schema mismatch for {role} column '{name}': expected {expected}, got {actual}".</summary>
    public static Exception Mismatch(string role, string name, string expected, DataViewType actual) =>
        Contracts.ExceptSchemaMismatch("inputSchema", role, name, expected, actual.ToString()!);

    /// <summary>As <see cref="Mismatch(string, string, string, DataViewType)"/> with the actual type as text (schema shapes).</summary>
    public static Exception Mismatch(string role, string name, string expected, string actual) =>
        Contracts.ExceptSchemaMismatch("inputSchema", role, name, expected, actual);
}
