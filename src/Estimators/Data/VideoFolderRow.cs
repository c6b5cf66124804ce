namespace MLVideo.Data;

/// <summary>A row of <c>ml.Data.LoadFromVideoFolder</c>: the video path and its class (the sub-folder name).</summary>
public sealed class VideoFolderRow
{
    /// <summary>Path of the video file or frame folder (column VideoPath, text).</summary>
    public string VideoPath { get; set; } = "";

    /// <summary>Class name, the sub-folder (column Label, text).</summary>
    public string Label { get; set; } = "";
}
