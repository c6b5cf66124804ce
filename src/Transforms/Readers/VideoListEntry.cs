namespace MLVideo.Transforms.Readers;

/// <summary>One line of an annotation list: a video file or frame folder with its labels.</summary>
/// <param name="Path">File or folder path, resolved against the data root.</param>
/// <param name="Labels">Class ids (one for single-label lists).</param>
/// <param name="FrameOffset">Frames to skip at the start of a frame folder (0 when not given).</param>
/// <param name="TotalFrames">Frame count stated by the list (frame folders), or null.</param>
/// <param name="LineNumber">1-based line in the list file, for error messages.</param>
public sealed record VideoListEntry(string Path, IReadOnlyList<int> Labels, int FrameOffset, int? TotalFrames, int LineNumber)
{
    /// <summary>The first (for single-label lists, the only) label.</summary>
    public int Label => Labels[0];
}
