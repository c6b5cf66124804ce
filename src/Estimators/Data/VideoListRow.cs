namespace MLVideo.Data;

/// <summary>A row of <c>ml.Data.LoadFromVideoList</c>: one line of an mmaction2 video or rawframe list.</summary>
public sealed class VideoListRow
{
    /// <summary>Path of the video file or frame folder, resolved against the data root (column VideoPath, text).</summary>
    public string VideoPath { get; set; } = "";

    /// <summary>Class name from the label map, or the class id as text when no map is given (column Label, text).</summary>
    public string Label { get; set; } = "";

    /// <summary>Class id written in the list (column LabelId, Int32).</summary>
    public int LabelId { get; set; }

    /// <summary>Frames to skip at the start of a frame folder; 0 for video lists (column FrameOffset, Int32).</summary>
    public int FrameOffset { get; set; }

    /// <summary>Frame count stated by a rawframe list; 0 for video lists (column TotalFrames, Int32).</summary>
    public int TotalFrames { get; set; }
}
