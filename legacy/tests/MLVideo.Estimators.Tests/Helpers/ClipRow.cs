using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>A labelled row with a small feature vector (model file and prediction tests).</summary>
public sealed class ClipRow
{
    public string Label { get; set; } = "";

    [VectorType(3)]
    public float[] Features { get; set; } = [];
}
