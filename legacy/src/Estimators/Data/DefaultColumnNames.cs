namespace MLVideo.Data;

/// <summary>ML.NET's default column names.</summary>
public static class DefaultColumnNames
{
    /// <summary>"Label".</summary>
    public const string Label = "Label";

    /// <summary>"Features".</summary>
    public const string Features = "Features";

    /// <summary>"Score".</summary>
    public const string Score = "Score";

    /// <summary>"PredictedLabel".</summary>
    public const string PredictedLabel = "PredictedLabel";
}
