using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLVideo.Bench.Harness;

/// <summary>
/// What one child process measured for one contender and method: the timed inference and training-step iterations
/// and its peak resident memory after the inference phase and at the end (after the training steps). A child prints it as one JSON line (bench/python/resnet_tsn.py prints the same keys).
/// </summary>
public sealed record Measurement(
    [property: JsonPropertyName("contender")] string Contender,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("inference_ms")] double[] InferenceMs,
    [property: JsonPropertyName("train_step_ms")] double[] TrainStepMs,
    [property: JsonPropertyName("peak_rss_inference_mib")] double PeakRssAfterInferenceMiB,
    [property: JsonPropertyName("peak_rss_mib")] double PeakRssMiB,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    /// <summary>The JSON line a child prints.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Parses a child's JSON line.</summary>
    public static Measurement FromJson(string json) =>
        JsonSerializer.Deserialize<Measurement>(json) ?? throw new FormatException($"Not a measurement: '{json}'.");
}
