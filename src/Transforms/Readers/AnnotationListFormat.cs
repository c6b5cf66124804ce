using MLVideo.Transforms.Readers;

namespace MLVideo;

/// <summary>The mmaction2 list-file layouts.</summary>
public enum AnnotationListFormat
{
    /// <summary><c>path label [label ...]</c>: one video file per line.</summary>
    Videos,
    /// <summary><c>frame_dir total_frames label [label ...]</c>: one frame folder per line.</summary>
    FrameFolders,
    /// <summary><c>frame_dir offset total_frames label [label ...]</c>: frame folders whose clip starts <c>offset</c> frames in.</summary>
    FrameFoldersWithOffset,
}
