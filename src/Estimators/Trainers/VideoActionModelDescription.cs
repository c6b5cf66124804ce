using System.Text.Json;
using System.Text.Json.Serialization;
using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>
/// Everything but the weights that a saved video classifier needs to rebuild itself: the exact architecture, the
/// class names in key order, the column names and how views are combined. Saved as JSON beside the weights.
/// </summary>
public sealed record VideoActionModelDescription
{
    /// <summary>The network architecture (method, backbone, width, segments, classes, method settings).</summary>
    public required VideoModelSpec Architecture { get; init; }

    /// <summary>Class names in key order (key value k + 1 is class k).</summary>
    public required string[] ClassNames { get; init; }

    /// <summary>Input clip column.</summary>
    public required string FeatureColumnName { get; init; }

    /// <summary>Output column of class probabilities.</summary>
    public required string ScoreColumnName { get; init; }

    /// <summary>Output key column of the predicted class.</summary>
    public required string PredictedLabelColumnName { get; init; }

    /// <summary>How the views of a row are combined.</summary>
    public ViewAveraging ViewAveraging { get; init; } = ViewAveraging.Probabilities;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The JSON form written into the model zip.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the JSON form; <see cref="VideoModelFormatException"/> when it is not a valid description.</summary>
    public static VideoActionModelDescription FromJson(string json, string where)
    {
        VideoActionModelDescription? description;
        try
        {
            description = JsonSerializer.Deserialize<VideoActionModelDescription>(json, Json);
        }
        catch (JsonException e)
        {
            throw new VideoModelFormatException($"{where}: the model description is not valid ({e.Message}).", e);
        }
        if (description is null) throw new VideoModelFormatException($"{where}: the model description is empty.");
        if (description.ClassNames.Length != description.Architecture.NumClasses)
            throw new VideoModelFormatException(
                $"{where}: {description.ClassNames.Length} class names for a network with {description.Architecture.NumClasses} classes.");
        return description;
    }
}
