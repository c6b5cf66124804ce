namespace MLVideo.Transforms;

/// <summary>A row of <c>LoadFromAnnotationList</c>.</summary>
public sealed class AnnotationListRow
{
    /// <summary>Path of the video file or frame folder.</summary>
    public string VideoPath { get; set; } = "";

    /// <summary>Class id from the list.</summary>
    public int Label { get; set; }

    /// <summary>Class name from the label map, or the id as text when no map is given.</summary>
    public string LabelName { get; set; } = "";

    /// <summary>Frame offset (frame-folder lists with offsets; else 0).</summary>
    public int FrameOffset { get; set; }

    /// <summary>Total frames stated by the list (frame-folder lists; else 0).</summary>
    public int TotalFrames { get; set; }
}
