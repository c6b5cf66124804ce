namespace MLVideo.Transforms;

/// <summary>A row of <c>LoadFromVideoFolder</c>: the video path and its class (the sub-folder name).</summary>
public sealed class VideoFolderRow
{
    /// <summary>Path of the video file or frame folder.</summary>
    public string VideoPath { get; set; } = "";

    /// <summary>Class name (the sub-folder).</summary>
    public string Label { get; set; } = "";
}
