using System.Text.Json;

namespace MLVideo.Model;

/// <summary>The step.json of one step: kind, version, options.</summary>
internal sealed class StepDocument
{
    public string? Kind { get; set; }

    public int Version { get; set; }

    public JsonElement? Options { get; set; }
}
