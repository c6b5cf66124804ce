using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>What a saved video classifier step stores besides its weights (serialised as the step's JSON options).</summary>
public sealed class VideoClassifierStepOptions
{
    /// <summary>The model architecture.</summary>
    public VideoModelOptions Model { get; set; } = new();

    /// <summary>Class names in key order (key k = class k - 1).</summary>
    public string[] ClassNames { get; set; } = [];

    /// <summary>Input column of clip tensors.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Output column of class probabilities.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Output key column of the predicted class.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>How the test views of a row are combined.</summary>
    public ViewAveraging ViewAveraging { get; set; }
}
