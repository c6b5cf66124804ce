using MLVideo.Transforms.FrameOps;

namespace MLVideo;

/// <summary>
/// Per-channel (R, G, B) mean and standard deviation on the 0..255 pixel scale: <c>value = (pixel - mean) / std</c>.
/// Stored with the model so inference normalises exactly as training did.
/// </summary>
public sealed record FrameNormalization
{
    /// <summary>Creates a normalisation; three means and three positive standard deviations on the 0..255 scale.</summary>
    public FrameNormalization(string name, float[] mean, float[] std)
    {
        if (mean is not { Length: 3 } || std is not { Length: 3 })
            throw new ArgumentException("FrameNormalization needs three means and three standard deviations (R, G, B).");
        if (std.Any(s => !(s > 0))) throw new ArgumentOutOfRangeException(nameof(std), "Standard deviations must be positive.");
        Name = name;
        Mean = (float[])mean.Clone();
        Std = (float[])std.Clone();
    }

    /// <summary>Preset name ("ImageNet", "Kinetics", "None") or "Custom".</summary>
    public string Name { get; }

    /// <summary>R, G, B means on the 0..255 scale.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>R, G, B standard deviations on the 0..255 scale.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>ImageNet statistics used by torchvision and mmaction2 2D models: mean (123.675, 116.28, 103.53), std (58.395, 57.12, 57.375).</summary>
    public static FrameNormalization ImageNet { get; } = new("ImageNet", [123.675f, 116.28f, 103.53f], [58.395f, 57.12f, 57.375f]);

    /// <summary>Kinetics-400 statistics of torchvision's video models: mean (0.43216, 0.394666, 0.37645) x 255, std (0.22803, 0.22145, 0.216989) x 255.</summary>
    public static FrameNormalization Kinetics { get; } =
        new("Kinetics", [0.43216f * 255f, 0.394666f * 255f, 0.37645f * 255f], [0.22803f * 255f, 0.22145f * 255f, 0.216989f * 255f]);

    /// <summary>Scales pixels to [0, 1] only (mean 0, std 255).</summary>
    public static FrameNormalization UnitRange { get; } = new("UnitRange", [0f, 0f, 0f], [255f, 255f, 255f]);

    /// <summary>A preset by name (case-insensitive): ImageNet, Kinetics or UnitRange.</summary>
    public static FrameNormalization FromName(string name) => name.ToLowerInvariant() switch
    {
        "imagenet" => ImageNet,
        "kinetics" => Kinetics,
        "unitrange" => UnitRange,
        _ => throw new ArgumentException($"Unknown normalisation preset '{name}' (ImageNet, Kinetics, UnitRange).", nameof(name)),
    };

    /// <inheritdoc />
    public bool Equals(FrameNormalization? other) =>
        other is not null && Name == other.Name && Mean.SequenceEqual(other.Mean) && Std.SequenceEqual(other.Std);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Mean[0], Std[0]);
}
