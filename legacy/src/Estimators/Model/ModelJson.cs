using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLVideo.Model;

/// <summary>The one JSON configuration for model files (indented, fields included, enums as names, NaN allowed).</summary>
internal static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
